#!/usr/bin/python3
"""oslo.messaging RPC server and notification listener for interop tests.

Run it with Debian's interpreter, ``/usr/bin/python3``, which sees the
python3-oslo.messaging package. Standard output carries, one per line:

* ``READY`` once the RPC server and the notification listener consume;
* ``{"rpc": METHOD, "args": {...}, "ctxt": {...}, "server": NAME}`` for every
  RPC request an endpoint receives (printed before the method runs);
* ``{"notification": true, "priority": P, "publisher_id": ..., "event_type":
  ..., "payload": ..., "ctxt": {...}, "metadata": {...}}`` for every
  notification the listener receives.

SIGTERM or SIGINT stops the server gracefully (in-flight calls finish and are
answered) and the process exits with status 0.
"""

import functools
import signal
import sys
import threading
import time

import peer_common

EXECUTORS = ("threading", "eventlet")
FALSY_VALUES = {
    "none": None,
    "zero": 0,
    "false": False,
    "empty_list": [],
    "empty_dict": {},
    "empty_string": "",
}
CONSUME_TIMEOUT_SECONDS = 30


def parse_args(argv=None):
    """Parse the command line."""
    parser = peer_common.ArgumentParser(
        description=__doc__.split("\n")[0],
        parents=[peer_common.common_arguments()])
    parser.add_argument(
        "--topic", default=peer_common.DEFAULT_TOPIC,
        help="RPC target topic (default: %(default)s)")
    parser.add_argument(
        "--server", default="s1",
        help="RPC target server name (default: %(default)s)")
    parser.add_argument(
        "--exchange",
        help="RPC target exchange (default: the control exchange)")
    parser.add_argument(
        "--executor", choices=EXECUTORS, default="threading",
        help="oslo executor (default: %(default)s)")
    parser.add_argument(
        "--no-rpc", action="store_true",
        help="do not start the RPC server")
    parser.add_argument(
        "--listen-notifications", action="store_true",
        help="also start a notification listener for all seven priorities")
    parser.add_argument(
        "--notification-topic", dest="notification_topics",
        action="append", metavar="TOPIC",
        help="notification topic to listen on; repeatable "
             "(default: notifications)")
    parser.add_argument(
        "--pool",
        help="notification listener pool: its own queue named after it")
    args = parser.parse_args(argv)
    if args.no_rpc and not args.listen_notifications:
        parser.error("--no-rpc needs --listen-notifications")
    if not args.notification_topics:
        args.notification_topics = ["notifications"]
    return args


def traced(method):
    """Print the incoming request of an endpoint method before running it."""

    @functools.wraps(method)
    def wrapper(self, ctxt, **kwargs):
        peer_common.emit({"rpc": method.__name__, "args": kwargs,
                          "ctxt": ctxt, "server": self.server_name})
        return method(self, ctxt, **kwargs)

    return wrapper


class TestEndpoint(object):
    """Default namespace, version 1.0: the methods the Java tests call."""

    def __init__(self, server_name):
        self.server_name = server_name

    @traced
    def echo(self, ctxt, value):
        """Return the value unchanged."""
        return value

    @traced
    def add(self, ctxt, a, b):
        """Return a + b."""
        return a + b

    @traced
    def fail(self, ctxt, message):
        """Raise ValueError(message)."""
        raise ValueError(message)

    @traced
    def sleep(self, ctxt, seconds):
        """Sleep, then return the number of seconds slept."""
        time.sleep(seconds)
        return seconds

    @traced
    def context(self, ctxt):
        """Return the request context as the endpoint received it."""
        return ctxt

    @traced
    def whoami(self, ctxt):
        """Return the name of this server."""
        return self.server_name

    @traced
    def falsy(self, ctxt, kind):
        """Return a falsy value: none, zero, false, empty_list, ... ."""
        if kind not in FALSY_VALUES:
            raise ValueError("unknown kind %r, expected one of %s"
                             % (kind, ", ".join(FALSY_VALUES)))
        return FALSY_VALUES[kind]


class VersionedEndpoint(object):
    """An endpoint whose only method names its namespace and version."""

    def __init__(self, server_name, namespace, version):
        import oslo_messaging

        self.server_name = server_name
        self.target = oslo_messaging.Target(namespace=namespace,
                                            version=version)

    @traced
    def versioned(self, ctxt):
        """Return "<namespace>-<version>"."""
        return "%s-%s" % (self.target.namespace, self.target.version)


class NotificationEndpoint(object):
    """Prints every notification, whatever its priority."""

    def _print(self, priority, ctxt, publisher_id, event_type, payload,
               metadata):
        peer_common.emit({"notification": True, "priority": priority,
                          "publisher_id": publisher_id,
                          "event_type": event_type, "payload": payload,
                          "ctxt": ctxt, "metadata": metadata})

    def audit(self, ctxt, publisher_id, event_type, payload, metadata):
        """Print a notification of priority audit."""
        self._print("audit", ctxt, publisher_id, event_type, payload,
                    metadata)

    def debug(self, ctxt, publisher_id, event_type, payload, metadata):
        """Print a notification of priority debug."""
        self._print("debug", ctxt, publisher_id, event_type, payload,
                    metadata)

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        """Print a notification of priority info."""
        self._print("info", ctxt, publisher_id, event_type, payload,
                    metadata)

    def warn(self, ctxt, publisher_id, event_type, payload, metadata):
        """Print a notification of priority warn."""
        self._print("warn", ctxt, publisher_id, event_type, payload,
                    metadata)

    def error(self, ctxt, publisher_id, event_type, payload, metadata):
        """Print a notification of priority error."""
        self._print("error", ctxt, publisher_id, event_type, payload,
                    metadata)

    def critical(self, ctxt, publisher_id, event_type, payload, metadata):
        """Print a notification of priority critical."""
        self._print("critical", ctxt, publisher_id, event_type, payload,
                    metadata)

    def sample(self, ctxt, publisher_id, event_type, payload, metadata):
        """Print a notification of priority sample."""
        self._print("sample", ctxt, publisher_id, event_type, payload,
                    metadata)


def wait_until_consuming(server, timeout):
    """Wait until the server's listener has issued basic.consume everywhere.

    ``start()`` declares and binds the queues, but the consumers are only
    registered later by the polling thread. Until then a competing server
    on the same queue would get every message, so READY waits for them.
    The check reads driver internals; if they are not there, it is skipped.
    """
    try:
        connection = server.listener._poll_style_listener.conn.connection
    except AttributeError:
        print("oslo_server: cannot tell when consumers are registered; "
              "assuming they are", file=sys.stderr)
        return
    deadline = time.monotonic() + timeout
    while connection._new_tags:
        if time.monotonic() > deadline:
            raise SystemExit("oslo_server: consumers not registered after "
                             "%s s" % timeout)
        time.sleep(0.01)


def executor_argument(args):
    """The ``executor`` keyword argument for oslo's server factories.

    oslo.messaging 16+ warns that the ``executor`` argument is deprecated
    whenever it is passed, and picks the executor itself: eventlet when
    threading is monkey-patched, else threading (as 14.0.3 does when it is
    left out). So it is only passed for eventlet, which every version still
    accepts (16+ with a deprecation warning).
    """
    return {"executor": "eventlet"} if args.executor == "eventlet" else {}


def main():
    """Start the servers, print READY, run until SIGTERM or SIGINT."""
    args = parse_args()
    if args.executor == "eventlet":
        import eventlet

        eventlet.monkey_patch()

    import oslo_messaging

    conf = peer_common.configure(args)

    servers = []
    if not args.no_rpc:
        transport = oslo_messaging.get_rpc_transport(conf, url=args.url)
        target = oslo_messaging.Target(topic=args.topic, server=args.server,
                                       exchange=args.exchange)
        endpoints = [
            TestEndpoint(args.server),
            VersionedEndpoint(args.server, "ns1", "1.3"),
            VersionedEndpoint(args.server, "v2", "2.0"),
        ]
        servers.append((oslo_messaging.get_rpc_server(
            transport, target, endpoints, **executor_argument(args)),
            transport))
    if args.listen_notifications:
        transport = oslo_messaging.get_notification_transport(
            conf, url=args.url)
        targets = [oslo_messaging.Target(topic=topic)
                   for topic in args.notification_topics]
        servers.append((oslo_messaging.get_notification_listener(
            transport, targets, [NotificationEndpoint()],
            pool=args.pool, **executor_argument(args)), transport))

    for server, _ in servers:
        server.start()
    for server, _ in servers:
        wait_until_consuming(server, CONSUME_TIMEOUT_SECONDS)

    # Until now a signal simply ends the process: start() retries an
    # unreachable broker forever and there is nothing to drain yet.
    stopping = threading.Event()

    def request_stop(signum, frame):
        stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    peer_common.emit_line("READY")

    while not stopping.wait(0.1):
        pass

    for server, _ in servers:
        server.stop()
    for server, transport in servers:
        server.wait()
        transport.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
