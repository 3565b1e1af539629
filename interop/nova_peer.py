"""Real nova code calls a Java compute service: the Python side of NovaComputeInteropTests.

    /usr/bin/python3 interop/nova_peer.py get_instance_diagnostics --host HOST \
        --exchange EXCHANGE [--pin yoga] [--url URL]

Uses Debian's python3-nova (26, Zed) as nova-api or nova-conductor would: nova's
global CONF with ``[upgrade_levels] compute`` pinned (no database is asked for
service versions), ``nova.rpc.init``, and ``nova.compute.rpcapi.ComputeAPI``,
whose client serializes with ``NovaObjectSerializer`` inside
``RequestContextSerializer``. It sends a ``nova.objects.Instance`` (with its
``Flavor``) to the compute service on ``HOST`` -- the Java server -- and prints
one JSON line: ``{"result": ..., "python_class": ...}`` describing what nova
deserialized the reply into (exit 0), or ``{"error": ...}`` (exit 1).

``--exchange`` is the control exchange, so that the test's ``compute`` topic
is its own on a shared broker.
"""

import argparse
import datetime
import json
import sys

import oslo_messaging

EXIT_OK = 0
EXIT_ERROR = 1

INSTANCE_UUID = '0e6a4bdc-1c5c-4e38-9e0f-1a2b3c4d5e6f'


def describe(value):
    """What nova sees: the class, version, set fields and changes of each object."""
    from oslo_versionedobjects import base
    if isinstance(value, base.VersionedObject):
        return {
            'class': type(value).__module__ + '.' + type(value).__name__,
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('method', choices=['get_instance_diagnostics'])
    parser.add_argument('--url', default='rabbit://guest:guest@127.0.0.1:5672/')
    parser.add_argument('--host', required=True, help='the compute host: the Java server name')
    parser.add_argument('--exchange', required=True, help='[DEFAULT] control_exchange')
    parser.add_argument('--timeout', type=int, default=30, help='[DEFAULT] rpc_response_timeout')
    parser.add_argument('--pin', default='yoga', help='[upgrade_levels] compute (default: %(default)s)')
    args = parser.parse_args()

    oslo_messaging.set_transport_defaults(control_exchange=args.exchange)
    import nova.conf
    conf = nova.conf.CONF
    conf([], project='nova', default_config_files=[])
    oslo_messaging.TransportURL.parse(conf)  # registers [DEFAULT] transport_url
    conf.set_override('transport_url', args.url)
    conf.set_override('compute', args.pin, group='upgrade_levels')

    from nova.compute import rpcapi
    from nova import context
    from nova import objects
    from nova import rpc
    objects.register_all()
    rpc.init(conf)

    ctxt = context.RequestContext(user_id='u1', project_id='p1')
    instance = objects.Instance(
        uuid=INSTANCE_UUID, host=args.host, hostname='vm1', display_name='VM 1',
        vm_state='active', power_state=1,
        flavor=objects.Flavor(flavorid='42', name='m1.small', memory_mb=2048, vcpus=2, root_gb=20))
    api = rpcapi.ComputeAPI()
    api.router  # builds nova's RPC client, which registers rpc_response_timeout
    conf.set_override('rpc_response_timeout', args.timeout)
    try:
        result = api.get_instance_diagnostics(ctxt, instance=instance)
    except Exception as exc:
        print(json.dumps({'error': {'class': type(exc).__name__, 'message': str(exc).split('\n')[0]}}),
              flush=True)
        return EXIT_ERROR
    finally:
        rpc.cleanup()
    print(json.dumps({'result': describe(result),
                      'python_class': type(result).__module__ + '.' + type(result).__name__,
                      'is_nova_diagnostics': isinstance(result, objects.Diagnostics),
                      'version_cap': api.router.version_cap},
                     sort_keys=True), flush=True)
    return EXIT_OK


if __name__ == '__main__':
    sys.exit(main())
