#!/usr/bin/python3
"""Python oslo.messaging (16-18) side of the cluster-failover benchmark.

Run with a modern root's interpreter (bash interop/modern/peers.sh python forky - ARGS < this file).

  cluster_peer.py server --url URL --topic T --server NAME --notifications TOPIC [--set G.O=V ...]
      Serves echo(value) on Target(topic, server) and listens to info notifications on TOPIC
      (payload {"seq": n}); prints READY; on SIGTERM (once 2 s pass without a notification, at most
      30 s) stops and prints one JSON line: notification seqs
      handled, duplicates, and echo calls served per second (epoch second -> count).

  cluster_peer.py callers --url URL --topic T --concurrency N --duration S --timeout S [--set ...]
      N threads calling echo one after the other for S seconds; prints one JSON line: answered,
      timed_out, errors (with up to 5 samples), and longest_gap_s, the longest time with no call
      answered by any thread (from the first answer to the end), and when it started (epoch s).
"""

import argparse
import collections
import json
import logging
import os
import signal
import sys
import threading
import time


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=("server", "callers"))
    parser.add_argument("--url", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--server", default="py1")
    parser.add_argument("--notifications")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    parser.add_argument("--control-exchange")
    return parser.parse_args()


def configure(args):
    # OSLO4J_PEER_LOG=INFO shows oslo's reconnections too (WARNING: its errors only)
    logging.basicConfig(stream=sys.stderr, level=os.environ.get("OSLO4J_PEER_LOG", "WARNING"),
                        format="%(asctime)s " + args.command + "[%(process)d] %(levelname)s %(name)s: %(message)s")
    from oslo_concurrency import lockutils
    from oslo_config import cfg
    from oslo_messaging import opts
    conf = cfg.CONF
    conf(args=[], project="oslo4j-cluster", default_config_files=[], default_config_dirs=[])
    for group, group_opts in opts.list_opts():
        conf.register_opts(group_opts, group=group)
    conf.set_override("metrics_thread_stop_timeout", 0, group="oslo_messaging_metrics")
    if args.control_exchange:
        conf.set_override("control_exchange", args.control_exchange)
    lockutils.set_defaults(lock_path="/tmp/oslo4j-cluster-locks")
    for override in args.overrides:
        name, _, value = override.partition("=")
        group, _, option = name.rpartition(".")
        conf.set_override(option, value, group=group)
    # one queue-manager counter per process: reply queue names never collide between runs
    os.setpgrp()
    conf.set_override("processname", "cluster_peer-%d" % os.getpid(), group="oslo_messaging_rabbit")
    return conf


class Server(object):

    def __init__(self):
        self.lock = threading.Lock()
        self.served = collections.Counter()
        self.seqs = collections.Counter()
        self.last_notification = time.monotonic()

    def echo(self, ctxt, value):
        with self.lock:
            self.served[int(time.time())] += 1
        return value

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        with self.lock:
            self.seqs[payload["seq"]] += 1
            self.last_notification = time.monotonic()


def run_server(args, conf):
    import oslo_messaging
    transport = oslo_messaging.get_rpc_transport(conf, url=args.url)
    endpoint = Server()
    server = oslo_messaging.get_rpc_server(
        transport, oslo_messaging.Target(topic=args.topic, server=args.server), [endpoint],
        executor="threading")
    notification_transport = oslo_messaging.get_notification_transport(conf, url=args.url)
    listener = oslo_messaging.get_notification_listener(
        notification_transport, [oslo_messaging.Target(topic=args.notifications)], [endpoint],
        executor="threading")
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *unused: stopping.set())
    server.start()
    listener.start()
    print("READY", flush=True)
    while not stopping.wait(0.2):
        pass
    # what the broker still holds for the listener is handled first: until 2 s pass without one
    deadline = time.monotonic() + 30
    while time.monotonic() - endpoint.last_notification < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    server.stop()
    listener.stop()
    server.wait()
    listener.wait()
    with endpoint.lock:
        print(json.dumps({
            "seqs": sorted(endpoint.seqs),
            "duplicates": sum(count - 1 for count in endpoint.seqs.values()),
            "served_per_second": {str(second): count for second, count in endpoint.served.items()},
        }), flush=True)


def run_callers(args, conf):
    import oslo_messaging
    transport = oslo_messaging.get_rpc_transport(conf, url=args.url)
    client = oslo_messaging.get_rpc_client(transport, oslo_messaging.Target(topic=args.topic),
                                           timeout=args.timeout)
    lock = threading.Lock()
    figures = {"answered": 0, "timed_out": 0, "errors": 0, "error_samples": []}
    answers = []
    deadline = time.monotonic() + args.duration

    def caller(number):
        value = 0
        while time.monotonic() < deadline:
            value += 1
            try:
                client.call({}, "echo", value=value)
                with lock:
                    figures["answered"] += 1
                    answers.append(time.monotonic())
            except oslo_messaging.MessagingTimeout:
                with lock:
                    figures["timed_out"] += 1
            except Exception as ex:  # every other failure is a figure of its own
                with lock:
                    figures["errors"] += 1
                    if len(figures["error_samples"]) < 5:
                        figures["error_samples"].append(repr(ex))
                time.sleep(0.1)

    threads = [threading.Thread(target=caller, args=(n,)) for n in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers.sort()
    ends = answers + [time.monotonic()]
    gap, gap_end = max(((b - a, b) for a, b in zip(ends, ends[1:])), default=(0.0, time.monotonic()))
    figures["longest_gap_s"] = round(gap, 3)
    # when it started, in epoch seconds, to read it against the fault and the peers' logs
    figures["longest_gap_started_at"] = round(time.time() - (time.monotonic() - gap_end) - gap, 3)
    print(json.dumps(figures), flush=True)
    transport.cleanup()


def main():
    args = parse_args()
    conf = configure(args)
    (run_server if args.command == "server" else run_callers)(args, conf)


if __name__ == "__main__":
    main()
