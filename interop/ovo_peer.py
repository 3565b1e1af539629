"""oslo.versionedobjects through a Java endpoint: the Python side of VersionedObjectInteropTests.

    /usr/bin/python3 interop/ovo_peer.py SCENARIO --topic T [--server S] [--url URL]
    /usr/bin/python3 interop/ovo_peer.py serve --topic T --server S [--url URL]

Defines a few objects on oslo.versionedobjects (namespace ``interop``, keys
``interop_object.*``), calls a Java RPC server with oslo.messaging's RPCClient
and ``VersionedObjectSerializer``, and prints one JSON line describing what
came back, as the Python classes see it: ``{"result": ...}`` (exit 0), or
``{"error": {...}}`` for a remote failure (exit 1). Anything else exits 3.

Scenarios (each sends Python objects and receives objects the Java side built):

* ``resize``  -- ``resize(server=Server, flavor=Flavor)`` returns the Server with the new flavor
* ``tag_all`` -- ``tag_all(servers=[Server, Server], tag=str)`` returns the list, tagged
* ``flavors`` -- ``flavors_by_server(servers={name: Server})`` returns ``{name: Flavor}``
* ``newer_major`` -- ``resize`` with a Server primitive of version 3.0, which Java must refuse

``serve`` is the other way round: an RPC server (same serializer) that prints ``READY``
once started, serves until SIGTERM, and offers

* ``inspect(server)`` -- returns what Python received (class, version, fields, changes) as a dict
* ``rename(server, name)`` -- returns the Server it received with ``name`` changed

The Python Server is version 2.1 with a field (``power_state``) that the Java type (2.0) lacks:
Java must accept the newer minor and ignore the field, and Python must accept Java's 2.0.
"""

import argparse
import datetime
import json
import signal
import sys
import threading

from oslo_config import cfg
import oslo_messaging
from oslo_versionedobjects import base
from oslo_versionedobjects import fields

EXIT_OK = 0
EXIT_REMOTE = 1
EXIT_OTHER = 3


class InteropObject(base.VersionedObject):
    OBJ_SERIAL_NAMESPACE = 'interop_object'
    OBJ_PROJECT_NAMESPACE = 'interop'


@base.VersionedObjectRegistry.register
class Flavor(InteropObject):
    VERSION = '1.1'
    fields = {
        'name': fields.StringField(),
        'memory_mb': fields.IntegerField(),
        'extra_specs': fields.DictOfStringsField(nullable=True),
    }


@base.VersionedObjectRegistry.register
class Tag(InteropObject):
    VERSION = '1.0'
    fields = {'tag': fields.StringField()}


@base.VersionedObjectRegistry.register
class Server(InteropObject):
    VERSION = '2.1'
    fields = {
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'flavor': fields.ObjectField('Flavor', nullable=True),
        'tags': fields.ListOfObjectsField('Tag'),
        'created_at': fields.DateTimeField(nullable=True),
        'metadata': fields.DictOfStringsField(),
        # added in 2.1: unknown to the Java type
        'power_state': fields.IntegerField(nullable=True),
    }


class Serializer(base.VersionedObjectSerializer):
    OBJ_BASE_CLASS = InteropObject


def server(uuid, name):
    return Server(uuid=uuid, name=name, flavor=Flavor(name='m1.small', memory_mb=2048),
                  tags=[Tag(tag='web')], metadata={'role': 'front'}, power_state=1,
                  created_at=datetime.datetime(2026, 12, 1, 10, 0, 0, tzinfo=datetime.timezone.utc))


def describe(value):
    """What a Python caller sees: the class, version, set fields and changes of each object."""
    if isinstance(value, base.VersionedObject):
        return {
            'class': type(value).__name__,
            'version': value.VERSION,
            'fields': {name: describe(getattr(value, name))
                       for name in sorted(value.fields) if value.obj_attr_is_set(name)},
            'changes': sorted(value.obj_what_changed()),
        }
    if isinstance(value, (list, tuple)):
        return [describe(item) for item in value]
    if isinstance(value, dict):
        return {key: describe(item) for key, item in value.items()}
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def scenario_call(client, name):
    ctxt = {'user_id': 'u1', 'project_id': 'p1'}
    if name == 'resize':
        return client.call(ctxt, 'resize', server=server('0e6a4bdc-1c5c-4e38-9e0f-1a2b3c4d5e6f', 'vm1'),
                           flavor=Flavor(name='m1.large', memory_mb=8192,
                                         extra_specs={'hw:cpu_policy': 'dedicated'}))
    if name == 'tag_all':
        return client.call(ctxt, 'tag_all', tag='gold',
                           servers=[server('0e6a4bdc-1c5c-4e38-9e0f-000000000001', 'a'),
                                    server('0e6a4bdc-1c5c-4e38-9e0f-000000000002', 'b')])
    if name == 'flavors':
        return client.call(ctxt, 'flavors_by_server',
                           servers={'a': server('0e6a4bdc-1c5c-4e38-9e0f-000000000001', 'a')})
    if name == 'newer_major':
        primitive = server('0e6a4bdc-1c5c-4e38-9e0f-1a2b3c4d5e6f', 'vm1').obj_to_primitive()
        primitive['interop_object.version'] = '3.0'
        return client.call(ctxt, 'resize', server=primitive, flavor=Flavor(name='m1.large', memory_mb=8192))
    raise ValueError('unknown scenario %s' % name)


class Endpoint(object):
    """What ``serve`` offers a Java client."""

    def inspect(self, ctxt, server):
        received = describe(server)
        received['python_class'] = type(server).__name__
        received['is_python_object'] = isinstance(server, Server)
        return received

    def rename(self, ctxt, server, name):
        server.name = name
        return server


def serve(transport, args):
    target = oslo_messaging.Target(topic=args.topic, server=args.server)
    server = oslo_messaging.get_rpc_server(transport, target, [Endpoint()], executor='threading',
                                           serializer=Serializer())
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *unused: stopping.set())
    server.start()
    print('READY', flush=True)
    stopping.wait()
    server.stop()
    server.wait()
    transport.cleanup()
    return EXIT_OK


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('scenario', choices=['resize', 'tag_all', 'flavors', 'newer_major', 'serve'])
    parser.add_argument('--url', default='rabbit://guest:guest@127.0.0.1:5672/')
    parser.add_argument('--topic', required=True)
    parser.add_argument('--server')
    parser.add_argument('--timeout', type=float, default=30)
    args = parser.parse_args()
    # The global CONF, as the other peers: oslo.messaging 14.0.3 registers its metrics options there only.
    cfg.CONF([], project='ovo_peer')
    transport = oslo_messaging.get_rpc_transport(cfg.CONF, url=args.url)
    if args.scenario == 'serve':
        return serve(transport, args)
    target = oslo_messaging.Target(topic=args.topic, server=args.server)
    client = oslo_messaging.get_rpc_client(transport, target, timeout=args.timeout, serializer=Serializer())
    try:
        result = scenario_call(client, args.scenario)
    except oslo_messaging.MessagingTimeout as exc:
        print(json.dumps({'error': {'class': 'MessagingTimeout', 'message': str(exc)}}), flush=True)
        return EXIT_OTHER
    except Exception as exc:  # the remote failure, re-created or RemoteError
        print(json.dumps({'error': {'class': type(exc).__name__, 'message': str(exc).split('\n')[0],
                                    'value': getattr(exc, 'value', None)}}), flush=True)
        return EXIT_REMOTE
    finally:
        transport.cleanup()
    print(json.dumps({'result': describe(result)}, sort_keys=True), flush=True)
    return EXIT_OK


if __name__ == '__main__':
    sys.exit(main())
