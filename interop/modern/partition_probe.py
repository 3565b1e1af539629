"""Where a quorum queue's messages go while one node of the namespace cluster is cut off.

A quorum queue led from forky-p1, one consumer connected to the node to cut (forky-p2 by default)
and one to forky-p3, a publisher on forky-p1 sending a message every 20 ms. After 5 s the node is
cut (peers.sh netns-cluster cut), after 30 s healed. Prints, per second after the cut, how many
messages reached a consumer late (over 0.5 s after they were sent), which one, and how late: what
the leader handed to the consumer on the cut node before it knew the node was gone.

    /usr/bin/python3 interop/modern/partition_probe.py [p2|p3]

Needs the cluster of peers.sh netns-cluster running (as root); py-amqp of Debian's oslo.messaging.
"""
import collections
import os
import subprocess
import sys
import threading
import time

import amqp

NODES = {'p1': '10.81.0.11', 'p2': '10.81.0.12', 'p3': '10.81.0.13'}
PEERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'peers.sh')
CUT = sys.argv[1] if len(sys.argv) > 1 else 'p2'
QUEUE = 'partition_probe_%d' % int(time.time())
START = time.time()
late = []
received = collections.Counter()
cut_at = [None]


def now():
    return time.time() - START


def connect(node):
    connection = amqp.Connection(NODES[node] + ':5672', userid='guest', password='guest', heartbeat=0)
    connection.connect()
    return connection


def consume(node):
    connection = connect(node)
    channel = connection.channel()

    def on_message(message):
        sent = float(message.body.split()[1])
        received[node] += 1
        if now() - sent > 0.5 and cut_at[0] is not None:
            late.append((int(sent - cut_at[0]), node, int(now() - sent)))
        channel.basic_ack(message.delivery_tag)

    channel.basic_consume(QUEUE, callback=on_message)
    while now() < 50:
        try:
            connection.drain_events(timeout=0.5)
        except Exception:
            pass


def peers(*arguments):
    subprocess.run(['bash', PEERS, 'netns-cluster'] + list(arguments), check=True, capture_output=True)


declaring = connect('p1')
declaring.channel().queue_declare(QUEUE, durable=True, auto_delete=False, arguments={
    'x-queue-type': 'quorum', 'x-queue-leader-locator': 'client-local'})
declaring.close()
for consumer_node in (CUT, 'p3' if CUT != 'p3' else 'p2'):
    threading.Thread(target=consume, args=(consumer_node,), daemon=True).start()
time.sleep(1)
publishing = connect('p1').channel()
sent = 0
healed = False
while now() < 45:
    if cut_at[0] is None and now() > 5:
        peers('cut', 'forky-' + CUT)
        cut_at[0] = now()
    if not healed and now() > 30:
        peers('heal', 'forky-' + CUT)
        healed = True
    sent += 1
    publishing.basic_publish(amqp.Message('%d %.6f' % (sent, now()), delivery_mode=2), '', QUEUE)
    time.sleep(0.02)
time.sleep(4)
print('queue %s: %d sent, received %s (more than sent: redelivered)' % (QUEUE, sent, dict(received)))
for (second, node, latency), count in sorted(collections.Counter(late).items()):
    print('  sent %2d s after the cut, reached the consumer on %s %2d s late: %d' % (second, node, latency, count))
connect('p1').channel().queue_delete(QUEUE)
