"""Helpers shared by the Python peers oslo_server.py and oslo_client.py.

The peers talk to Java through their standard output: one JSON document per
line (plus the bare line ``READY`` from the server). Everything else (oslo's
own logging, tracebacks) goes to standard error.

This module imports nothing from oslo at load time, so that ``oslo_server.py``
can monkey-patch eventlet before oslo.messaging is imported.
"""

import argparse
import json
import logging
import sys
import threading

DEFAULT_URL = "rabbit://guest:guest@127.0.0.1:5672/"
DEFAULT_TOPIC = "peer_test"

EXIT_USAGE = 3

_stdout_lock = threading.Lock()


class ArgumentParser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with status 3.

    ``argparse`` exits with 2, which the client uses for MessagingTimeout.
    """

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, "%s: error: %s\n" % (self.prog, message))


def common_arguments():
    """Return a parent parser holding the options every peer command accepts.

    It is meant for ``argparse``'s ``parents=``, so that the options may be
    given anywhere on the command line, also after a sub-command.
    """
    parser = ArgumentParser(add_help=False)
    parser.add_argument(
        "--url", default=DEFAULT_URL,
        help="oslo transport URL (default: %(default)s)")
    parser.add_argument(
        "--control-exchange", metavar="NAME",
        help="[DEFAULT] control_exchange: the default exchange of RPC "
             "targets and the exchange of every notification "
             "(oslo default: openstack)")
    parser.add_argument(
        "--set", dest="overrides", action="append", default=[],
        metavar="GROUP.OPTION=VALUE",
        help="override any oslo.messaging option, e.g. "
             "oslo_messaging_rabbit.amqp_durable_queues=true; repeatable; "
             "use DEFAULT.OPTION for the [DEFAULT] group")
    parser.add_argument(
        "--debug", action="store_true",
        help="log oslo.messaging at DEBUG level on standard error")
    return parser


def json_argument(text):
    """Parse a command-line JSON value (``argparse`` type function)."""
    try:
        return json.loads(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError("not valid JSON: %s" % exc)


def json_object_argument(text):
    """Parse a command-line JSON object (``argparse`` type function)."""
    value = json_argument(text)
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError("a JSON object is required")
    return value


def configure(args):
    """Set up logging and the global ``cfg.CONF`` from the common options.

    The global configuration object is used on purpose: oslo.messaging
    14.0.3 registers its metrics options on ``cfg.CONF`` only, so a private
    ``ConfigOpts`` fails on the first call or cast.

    :returns: the configured ``cfg.CONF``
    """
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from oslo_config import cfg
    from oslo_messaging import opts

    conf = cfg.CONF
    conf(args=[], project="oslo4j-interop",
         default_config_files=[], default_config_dirs=[])
    # Every RPC client starts a non-daemon metrics thread, even with metrics
    # disabled, that lives this many seconds (default 10) and so holds the
    # process open after its last call. No effect on the wire.
    conf.set_override("metrics_thread_stop_timeout", 0,
                      group="oslo_messaging_metrics")
    if args.overrides or args.control_exchange:
        # Options must be registered before they can be overridden; the
        # library registers the very same definitions again later, which
        # oslo.config accepts.
        for group, group_opts in opts.list_opts():
            conf.register_opts(group_opts, group=group)
    if args.control_exchange:
        conf.set_override("control_exchange", args.control_exchange)
    for override in args.overrides:
        name, separator, value = override.partition("=")
        group, dot, option = name.rpartition(".")
        if not separator or not dot or not option:
            raise ValueError(
                "--set %r: expected GROUP.OPTION=VALUE" % override)
        conf.set_override(
            option, value, group=None if group == "DEFAULT" else group)
    return conf


def emit(document):
    """Print one JSON document on its own line of standard output, flushed.

    Safe to call from any thread. Non-ASCII characters are escaped, so the
    output is plain ASCII whatever the locale.
    """
    line = json.dumps(document, sort_keys=True)
    with _stdout_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def emit_line(text):
    """Print a plain line (such as ``READY``) on standard output, flushed."""
    with _stdout_lock:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
