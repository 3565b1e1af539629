"""Helpers shared by the Python peers oslo_server.py and oslo_client.py.

The peers talk to Java through their standard output: one JSON document per
line (plus the bare line ``READY`` from the server). Everything else (oslo's
own logging, tracebacks) goes to standard error.

This module imports nothing from oslo at load time, so that ``oslo_server.py``
can monkey-patch eventlet before oslo.messaging is imported.
"""

import argparse
import atexit
import json
import logging
import os
import sys
import tempfile
import threading
import warnings

# Eventlet 0.36+ (oslo.messaging 18.x pulls it in through oslo.service)
# warns on import that it is deprecated: noise on every run's standard
# error, so it is silenced before anything imports it.
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

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
    configure_lock_path(conf)
    for override in args.overrides:
        name, separator, value = override.partition("=")
        group, dot, option = name.rpartition(".")
        if not separator or not dot or not option:
            raise ValueError(
                "--set %r: expected GROUP.OPTION=VALUE" % override)
        conf.set_override(
            option, value, group=None if group == "DEFAULT" else group)
    configure_queue_manager(conf)
    return conf


def configure_queue_manager(conf):
    """Make ``use_queue_manager`` work for short-lived test processes.

    oslo's queue manager (14.7+) numbers reply queues per process group:
    it reads ``/proc/<process group>/stat`` and keeps a counter in
    ``/dev/shm/<hostname>_<processname>_qmanager``. A test harness starts
    these scripts in its own process group, whose leader may be gone (oslo
    then fails with FileNotFoundError), and starts many of them under one
    program name, concurrently across test runs. So each process becomes
    the leader of a group of its own, and its program name gets the process
    id unless ``processname`` is set: queue names keep oslo's form,
    ``reply_<hostname>:oslo_client.py-<pid>:1``, and no two processes share
    one. The counter file is removed at exit.
    """
    group = getattr(conf, "oslo_messaging_rabbit", None)
    if group is None or not getattr(group, "use_queue_manager", False):
        return
    os.setpgrp()
    if group.processname == os.path.basename(sys.argv[0]):
        conf.set_override(
            "processname", "%s-%d" % (group.processname, os.getpid()),
            group="oslo_messaging_rabbit")
    counter = "/dev/shm/%s_%s_qmanager" % (group.hostname, group.processname)
    atexit.register(_remove_quietly, counter)


def _remove_quietly(path):
    try:
        os.remove(path)
    except OSError:
        pass


def configure_lock_path(conf):
    """Give oslo.concurrency a lock folder unless one is configured.

    With ``use_queue_manager`` (oslo.messaging 14.7+) the reply queue's
    number is kept in /dev/shm under an external lock, and lockutils fails
    without ``[oslo_concurrency] lock_path``. ``OSLO_LOCK_PATH`` (read by
    oslo.concurrency itself) or ``--set oslo_concurrency.lock_path=...``
    wins over the default, a folder under the temporary directory.
    """
    try:
        from oslo_concurrency import lockutils
    except ImportError:
        return
    default = os.environ.get("OSLO_LOCK_PATH") or os.path.join(
        tempfile.gettempdir(), "oslo4j-interop-locks")
    # importing lockutils registered its options on the global cfg.CONF
    lockutils.set_defaults(lock_path=default)


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
