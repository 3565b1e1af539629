#!/usr/bin/python3
"""oslo.messaging RPC client and notifier for interop tests.

Run it with Debian's interpreter, ``/usr/bin/python3``, which sees the
python3-oslo.messaging package. Each run prints exactly one JSON line:

* ``call``: ``{"result": VALUE}``
* ``cast`` and ``notify``: ``{"sent": true}``
* on failure: ``{"error": {...}}`` (see ``describe_error``)

Exit status: 0 success, 1 the remote side raised (RemoteError or a rebuilt
remote exception), 2 MessagingTimeout, 3 anything else.
"""

import argparse
import sys

import peer_common  # first: it silences eventlet's import-time warning

import oslo_messaging  # noqa: E402
from oslo_messaging._drivers import common as driver_common  # noqa: E402
from oslo_serialization import jsonutils  # noqa: E402

EXIT_OK = 0
EXIT_REMOTE_ERROR = 1
EXIT_TIMEOUT = 2
EXIT_OTHER = peer_common.EXIT_USAGE

NOTIFY_PRIORITIES = ("audit", "debug", "info", "warn", "warning", "error",
                     "critical", "sample")


def timeout_argument(text):
    """Seconds as a float, or ``none`` for waiting forever."""
    if text.lower() == "none":
        return None
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("seconds or 'none' expected")


def parse_args(argv=None):
    """Parse the command line."""
    common = peer_common.common_arguments()
    parser = peer_common.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    rpc = peer_common.ArgumentParser(add_help=False, parents=[common])
    rpc.add_argument(
        "--topic", default=peer_common.DEFAULT_TOPIC,
        help="target topic (default: %(default)s)")
    rpc.add_argument("--server", help="target server")
    rpc.add_argument(
        "--fanout", action="store_true",
        help="fanout target (a call refuses it: InvalidTarget)")
    rpc.add_argument(
        "--exchange", help="target exchange (default: control exchange)")
    rpc.add_argument("--method", required=True, help="method name")
    rpc.add_argument(
        "--args", type=peer_common.json_object_argument, default={},
        metavar="JSON", help="keyword arguments as a JSON object")
    rpc.add_argument("--namespace", help="target namespace")
    rpc.add_argument("--version", help="target version, e.g. 1.3")
    rpc.add_argument(
        "--context", type=peer_common.json_object_argument, default={},
        metavar="JSON", help="request context as a JSON object")
    rpc.add_argument(
        "--timeout", type=timeout_argument, default=30.0,
        metavar="SECONDS",
        help="call timeout, float seconds or 'none' (default: %(default)s)")
    rpc.add_argument(
        "--call-monitor-timeout", type=float, metavar="SECONDS",
        help="ask the server for heartbeats; fail when none comes this long")
    rpc.add_argument(
        "--at-least-once", action="store_true",
        help="publish the request mandatory: unroutable requests fail with "
             "MessageUndeliverable")
    rpc.add_argument(
        "--allowed-remote-exmods", nargs="+", default=[], metavar="MODULE",
        help="modules whose remote exceptions may be rebuilt locally "
             "(space or comma separated)")
    rpc.add_argument(
        "--retry", type=int,
        help="connection retries (default: oslo's, forever)")
    commands.add_parser("call", parents=[rpc], help="call a method, print "
                        "its result")
    commands.add_parser("cast", parents=[rpc], help="cast a method")

    notify = commands.add_parser("notify", parents=[common],
                                 help="send one notification")
    notify.add_argument(
        "--publisher-id", default="interop.peer",
        help="publisher id (default: %(default)s)")
    notify.add_argument(
        "--event-type", default="interop.test",
        help="event type (default: %(default)s)")
    notify.add_argument(
        "--priority", choices=NOTIFY_PRIORITIES, default="info",
        help="notifier method to use (default: %(default)s)")
    notify.add_argument(
        "--payload", type=peer_common.json_argument, default={},
        metavar="JSON", help="payload, any JSON value (default: {})")
    notify.add_argument(
        "--context", type=peer_common.json_object_argument, default={},
        metavar="JSON", help="request context as a JSON object")
    notify.add_argument(
        "--topic", dest="topics", action="append", metavar="TOPIC",
        help="notification topic; repeatable (default: notifications)")
    notify.add_argument(
        "--driver", choices=("messagingv2", "messaging"),
        default="messagingv2",
        help="notification driver: messagingv2 (enveloped) or messaging "
             "(v1, no envelope) (default: %(default)s)")
    notify.add_argument(
        "--retry", type=int,
        help="connection retries (default: oslo's, forever)")

    args = parser.parse_args(argv)
    if args.command in ("call", "cast"):
        args.allowed_remote_exmods = [
            module for item in args.allowed_remote_exmods
            for module in item.split(",") if module]
    elif not args.topics:
        args.topics = ["notifications"]
    return args


class FailureRecorder(object):
    """Remembers the failures the reply waiter turns into exceptions.

    It wraps oslo's ``deserialize_remote_exception`` without changing its
    result, so that the raw failure (remote class, module, args, kwargs) can
    be reported and a remote ValueError told apart from a local one.
    """

    def __init__(self):
        self._failures = []

    def install(self):
        """Wrap the driver's remote-exception deserializer."""
        original = driver_common.deserialize_remote_exception

        def recording(data, allowed_remote_exmods):
            exception = original(data, allowed_remote_exmods)
            self._failures.append((jsonutils.loads(str(data)), exception))
            return exception

        driver_common.deserialize_remote_exception = recording

    def failure_of(self, exception):
        """Return the raw failure dict behind ``exception``, or None."""
        for failure, rebuilt in self._failures:
            if rebuilt is exception:
                return failure
        return None


def describe_error(exception, failure):
    """Describe an exception as the ``error`` object of the output.

    Keys: ``python_class`` (the class the Python client raised), ``class``,
    ``module`` and ``message`` (those the remote side sent when the error
    is remote, else those of the local exception) and ``remote``. For a
    remote error also ``args``, ``kwargs`` and ``traceback`` as sent; for
    RemoteError also ``exc_type``, ``value`` and ``remote_error: true``.
    """
    error = {
        "python_class": type(exception).__name__,
        "class": type(exception).__name__,
        "module": type(exception).__module__,
        "message": str(exception),
        "remote": failure is not None,
    }
    if failure is not None:
        error.update({
            "class": failure.get("class"),
            "module": failure.get("module"),
            "message": failure.get("message"),
            "args": failure.get("args"),
            "kwargs": failure.get("kwargs"),
            "traceback": failure.get("tb"),
        })
    if isinstance(exception, oslo_messaging.RemoteError):
        error.update({"exc_type": exception.exc_type,
                      "value": exception.value, "remote_error": True})
    if isinstance(exception, oslo_messaging.MessageUndeliverable):
        error.update({"exchange": exception.exchange,
                      "routing_key": exception.routing_key})
        if not error["message"]:
            error["message"] = ("undeliverable to exchange %r with routing "
                                "key %r" % (exception.exchange,
                                            exception.routing_key))
    return error


def run_rpc(args, conf):
    """Send a call or a cast; return the document to print."""
    transport = oslo_messaging.get_rpc_transport(
        conf, url=args.url, allowed_remote_exmods=args.allowed_remote_exmods)
    try:
        target = oslo_messaging.Target(
            exchange=args.exchange, topic=args.topic, server=args.server,
            fanout=args.fanout, namespace=args.namespace,
            version=args.version)
        options = None
        if args.at_least_once:
            options = oslo_messaging.TransportOptions(at_least_once=True)
        client = oslo_messaging.get_rpc_client(
            transport, target, timeout=args.timeout, retry=args.retry,
            call_monitor_timeout=args.call_monitor_timeout,
            transport_options=options)
        if args.command == "call":
            return {"result": client.call(args.context, args.method,
                                          **args.args)}
        client.cast(args.context, args.method, **args.args)
        return {"sent": True}
    finally:
        transport.cleanup()


def notification_context(values):
    """The request context to notify with, as a service would pass it.

    oslo.messaging 14.0.3 copies the known keys of a plain dict; 16 and
    later send no context at all for a dict and want an oslo.context
    RequestContext, whose ``redacted_copy()`` they send (without
    ``auth_token``, and with the user id under ``user``, as ``to_dict()``
    names it). A RequestContext is only built where it is needed, so that
    14.0.3 still sends what it sends for a dict. ``from_dict`` reads the
    user id from ``user``; ``user_id`` is taken as well.
    """
    from oslo_context import context

    if not values or not hasattr(context.RequestContext, "redacted_copy"):
        return values
    return context.RequestContext.from_dict(
        values, user_id=values.get("user_id", values.get("user")))


def run_notify(args, conf):
    """Send one notification; return the document to print.

    The Notifier swallows send errors (it only logs them), so "sent" means
    that the notifier returned.
    """
    transport = oslo_messaging.get_notification_transport(conf, url=args.url)
    try:
        notifier = oslo_messaging.Notifier(
            transport, publisher_id=args.publisher_id, driver=args.driver,
            topics=args.topics, retry=args.retry)
        send = getattr(notifier, args.priority)
        send(notification_context(args.context), args.event_type,
             args.payload)
        return {"sent": True}
    finally:
        transport.cleanup()


def main():
    """Run one command, print one JSON line, return the exit status."""
    args = parse_args()
    recorder = FailureRecorder()
    recorder.install()
    try:
        conf = peer_common.configure(args)
        if args.command == "notify":
            document = run_notify(args, conf)
        else:
            document = run_rpc(args, conf)
    except Exception as exception:
        failure = recorder.failure_of(exception)
        peer_common.emit({"error": describe_error(exception, failure)})
        if failure is not None:
            return EXIT_REMOTE_ERROR
        if isinstance(exception, oslo_messaging.MessagingTimeout):
            return EXIT_TIMEOUT
        return EXIT_OTHER
    peer_common.emit(document)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
