#!/usr/bin/python3
"""Valid oslo.messaging calls amid a flood of malformed messages.

Publishes ``--malformed`` broken messages into a topic (with kombu, the
library under oslo's RabbitMQ driver) and, every ``--malformed / --valid``
of them, starts one valid call through an oslo RPC client on a thread of
its own. About one broken message in six is a well-formed call whose reply
queue does not exist, so the server under test holds a reply it cannot
deliver for each of those. Prints one JSON line:

``{"published": N, "answered": N, "timed_out": N, "failed": [...],
"latencies_ms": [...]}``

Exit status 0 when it ran (whatever the calls' outcome), 3 on usage errors.
"""

import random
import sys
import threading
import time
import uuid

import peer_common  # first: it silences eventlet's import-time warning

import kombu  # noqa: E402
import oslo_messaging  # noqa: E402
from oslo_serialization import jsonutils  # noqa: E402


def parse_args(argv=None):
    """Parse the command line."""
    parser = peer_common.ArgumentParser(
        description=__doc__.split("\n")[0],
        parents=[peer_common.common_arguments()])
    parser.add_argument("--topic", required=True, help="the server's topic")
    parser.add_argument(
        "--exchange", default="openstack",
        help="the topic's exchange (default: %(default)s)")
    parser.add_argument("--malformed", type=int, default=3000)
    parser.add_argument("--valid", type=int, default=30)
    parser.add_argument(
        "--timeout", type=float, default=10.0,
        help="each valid call's timeout in seconds (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=14)
    return parser.parse_args(argv)


def envelope(message):
    """oslo's 2.0 envelope around a message dictionary."""
    return jsonutils.dumps({"oslo.version": "2.0",
                            "oslo.message": jsonutils.dumps(message)})


def orphan_call(missing_queue):
    """A well-formed call whose reply queue does not exist."""
    return envelope({"method": "echo", "args": {"value": "orphan"},
                     "_msg_id": uuid.uuid4().hex, "_reply_q": missing_queue,
                     "_timeout": None, "_unique_id": uuid.uuid4().hex})


def broken_bodies(rng, missing_queue):
    """The kinds of broken message, each a function of nothing."""
    return [
        lambda: bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 200))),
        lambda: b'{"oslo.version": "2.0", "oslo.message": ',
        lambda: b'[1, 2, 3]',
        lambda: jsonutils.dumps({"oslo.version": "2.0",
                                 "oslo.message": 42}).encode(),
        lambda: envelope({"method": 7, "args": "not an object"}).encode(),
        lambda: orphan_call(missing_queue).encode(),
    ]


class ValidCalls(object):
    """Valid calls, each on its own thread, and what became of them."""

    def __init__(self, client):
        self._client = client
        self._lock = threading.Lock()
        self._threads = []
        self.latencies_ms = []
        self.timed_out = 0
        self.failed = []

    def start(self, number):
        thread = threading.Thread(target=self._call, args=(number,))
        thread.start()
        self._threads.append(thread)

    def _call(self, number):
        value = "valid-%d" % number
        started = time.monotonic()
        try:
            result = self._client.call({}, "echo", value=value)
        except oslo_messaging.MessagingTimeout:
            with self._lock:
                self.timed_out += 1
            return
        except Exception as exception:
            with self._lock:
                self.failed.append(repr(exception))
            return
        elapsed = (time.monotonic() - started) * 1000.0
        with self._lock:
            if result == value:
                self.latencies_ms.append(round(elapsed, 1))
            else:
                self.failed.append("answered %r to %r" % (result, value))

    def join(self):
        for thread in self._threads:
            thread.join()


def kombu_url(oslo_url):
    """kombu's form of a single-host oslo transport URL."""
    return "amqp://" + oslo_url.split("://", 1)[1]


def main():
    args = parse_args()
    conf = peer_common.configure(args)
    rng = random.Random(args.seed)
    missing_queue = "reply_" + uuid.uuid4().hex
    bodies = broken_bodies(rng, missing_queue)
    transport = oslo_messaging.get_rpc_transport(conf, url=args.url)
    client = oslo_messaging.get_rpc_client(
        transport, oslo_messaging.Target(topic=args.topic),
        timeout=args.timeout)
    # one call first, so that the reply queue exists before the flood
    client.call({}, "echo", value="warm-up")
    calls = ValidCalls(client)
    every = max(1, args.malformed // args.valid)
    with kombu.Connection(kombu_url(args.url)) as connection:
        producer = connection.Producer()
        for number in range(args.malformed):
            if number % every == 0 and number // every < args.valid:
                calls.start(number)
            producer.publish(bodies[number % len(bodies)](),
                             exchange=args.exchange, routing_key=args.topic,
                             content_type="application/json",
                             content_encoding="utf-8", declare=[])
    calls.join()
    transport.cleanup()
    peer_common.emit({"published": args.malformed,
                      "answered": len(calls.latencies_ms),
                      "timed_out": calls.timed_out, "failed": calls.failed,
                      "latencies_ms": calls.latencies_ms})
    return 0


if __name__ == "__main__":
    sys.exit(main())
