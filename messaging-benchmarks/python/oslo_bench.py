#!/usr/bin/python3
"""Python oslo.messaging (14.0.3) load client and echo server, for comparisons with oslo4j.

Run with Debian's interpreter, /usr/bin/python3 (it sees python3-oslo.messaging).

  oslo_bench.py server [--url URL] [--topic T] [--server NAME] [--executor threading|eventlet]
      Serves echo(value) and sleep(seconds) on Target(topic, server), prints READY, runs until
      SIGTERM or SIGINT. Nothing is printed per request.

  oslo_bench.py client [--url URL] [--topic T] [--method echo] [--args JSON] [--payload BYTES]
      [--concurrency N] [--calls N | --duration S] [--warmup N] [--timeout S]
      --concurrency threads, each making calls one after the other (a thread keeps one call in
      flight, like a lane of the Java client), on one shared transport. Prints one JSON line with
      the keys of the Java client's: calls_per_s, p50_ms, p95_ms, p99_ms, max_ms, seconds,
      errors, timeouts, peak_threads, ...

The simulator (tools/simulator.py) is not in the Debian package, hence this script. The global
cfg.CONF is used on purpose (oslo.messaging 14.0.3 registers its metrics options there only), with
oslo_messaging_metrics.metrics_thread_stop_timeout 0 so that clients exit at once.
"""

import argparse
import json
import logging
import signal
import sys
import threading
import time

DEFAULT_URL = "rabbit://guest:guest@127.0.0.1:5672/"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("server", "client"))
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--topic", default="profiler_topic")
    parser.add_argument("--server", default="profiler_server")
    parser.add_argument("--executor", choices=("threading", "eventlet"), default="threading")
    parser.add_argument("--method", default="echo")
    parser.add_argument("--args", type=json.loads, default=None, metavar="JSON")
    parser.add_argument("--payload", type=int, default=0, metavar="BYTES",
                        help="send a string of this many characters as argument 'value'")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--calls", type=int, default=10000)
    parser.add_argument("--duration", type=float, default=None, metavar="SECONDS")
    parser.add_argument("--warmup", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=60.0)
    return parser.parse_args()


def configure():
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from oslo_config import cfg
    conf = cfg.CONF
    conf(args=[], project="oslo4j-benchmarks", default_config_files=[], default_config_dirs=[])
    conf.set_override("metrics_thread_stop_timeout", 0, group="oslo_messaging_metrics")
    return conf


class BenchEndpoint(object):

    def echo(self, ctxt, value):
        return value

    def sleep(self, ctxt, seconds):
        time.sleep(seconds)
        return seconds


def run_server(args):
    import oslo_messaging
    conf = configure()
    transport = oslo_messaging.get_rpc_transport(conf, url=args.url)
    target = oslo_messaging.Target(topic=args.topic, server=args.server)
    server = oslo_messaging.get_rpc_server(transport, target, [BenchEndpoint()],
                                           executor=args.executor)
    server.start()
    # Wait until the consumers are registered (driver internals; skipped if absent).
    try:
        connection = server.listener._poll_style_listener.conn.connection
        deadline = time.monotonic() + 30
        while connection._new_tags and time.monotonic() < deadline:
            time.sleep(0.01)
    except AttributeError:
        time.sleep(1)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stopping.set())
    signal.signal(signal.SIGINT, lambda signum, frame: stopping.set())
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while not stopping.wait(0.1):
        pass
    server.stop()
    server.wait()
    transport.cleanup()
    return 0


def percentile(sorted_values, fraction):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, int(round(fraction * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def run_client(args):
    import oslo_messaging
    conf = configure()
    transport = oslo_messaging.get_rpc_transport(conf, url=args.url)
    target = oslo_messaging.Target(topic=args.topic)
    client = oslo_messaging.get_rpc_client(transport, target, timeout=args.timeout)
    call_args = dict(args.args or {})
    if args.payload:
        call_args["value"] = "x" * args.payload

    def burst(total, record, deadline):
        """Runs --concurrency threads sharing `total` calls (or until `deadline`)."""
        remaining = [total]
        lock = threading.Lock()
        counts = {"errors": 0, "timeouts": 0}

        def lane():
            latencies = []
            while True:
                if deadline is not None:
                    if time.monotonic() >= deadline:
                        break
                else:
                    with lock:
                        if remaining[0] <= 0:
                            break
                        remaining[0] -= 1
                start = time.perf_counter()
                try:
                    client.call({}, args.method, **call_args)
                except oslo_messaging.MessagingTimeout:
                    with lock:
                        counts["timeouts"] += 1
                    continue
                except Exception:
                    with lock:
                        counts["errors"] += 1
                    continue
                if record:
                    latencies.append(time.perf_counter() - start)
            with lock:
                all_latencies.extend(latencies)

        all_latencies = []
        threads = [threading.Thread(target=lane, daemon=True) for _ in range(args.concurrency)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        peak = threading.active_count()
        for thread in threads:
            thread.join()
        return all_latencies, time.perf_counter() - started, counts, peak

    if args.warmup:
        burst(args.warmup, False, None)
    cpu_before = time.process_time()
    if args.duration is not None:
        latencies, seconds, counts, peak = burst(0, True, time.monotonic() + args.duration)
    else:
        latencies, seconds, counts, peak = burst(args.calls, True, None)
    cpu = time.process_time() - cpu_before
    latencies.sort()
    ms = lambda value: None if value is None else round(value * 1000.0, 3)
    document = {
        "calls_per_s": round(len(latencies) / seconds, 1) if seconds > 0 else None,
        "p50_ms": ms(percentile(latencies, 0.50)),
        "p95_ms": ms(percentile(latencies, 0.95)),
        "p99_ms": ms(percentile(latencies, 0.99)),
        "max_ms": ms(latencies[-1] if latencies else None),
        "seconds": round(seconds, 3),
        "errors": counts["errors"],
        "timeouts": counts["timeouts"],
        "peak_threads": peak,
        "cpu_us_per_call": round(cpu * 1e6 / len(latencies), 1) if latencies else None,
        "client": "python-oslo.messaging-" + oslo_version(),
        "transport": args.url.split(":", 1)[0],
        "method": args.method,
        "concurrency": args.concurrency,
        "calls": len(latencies) + counts["errors"] + counts["timeouts"],
        "duration_s": args.duration,
        "payload_bytes": args.payload,
        "warmup_calls": args.warmup,
    }
    transport.cleanup()
    sys.stdout.write(json.dumps(document) + "\n")
    sys.stdout.flush()
    return 0


def oslo_version():
    try:
        from importlib import metadata
        return metadata.version("oslo.messaging")
    except Exception:
        return "unknown"


def main():
    args = parse_args()
    if args.executor == "eventlet" and args.command == "server":
        import eventlet
        eventlet.monkey_patch()
    if args.command == "server":
        return run_server(args)
    return run_client(args)


if __name__ == "__main__":
    sys.exit(main())
