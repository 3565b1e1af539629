"""oslo.messaging (16.1 or 18.3, in a Debian root) declaring what a service declares: an RPC
server (topic, server host1), a call to it (a reply queue) and a notification listener on one
priority. Options come in the transport URL's query, as oslo reads them. Prints READY, then keeps
everything until its standard input closes; ModernTopologyTests lists the broker's view meanwhile.
A line "cast VALUE" on the standard input casts echo(VALUE) to every server of the topic; the
server prints "ECHO VALUE" for each echo it serves.

usage: modern_topology_peer.py URL CONTROL_EXCHANGE TOPIC NOTIFICATION_TOPIC
"""
import sys

import oslo_messaging as om
from oslo_config import cfg


class Endpoint:
    def echo(self, ctxt, value):
        print('ECHO', value, flush=True)
        return value


class NotificationEndpoint:
    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        return om.NotificationResult.HANDLED


def main():
    url, control_exchange, topic, notification_topic = sys.argv[1:5]
    om.set_transport_defaults(control_exchange=control_exchange)
    # the global one: 18.3's tracing registers its options there only
    conf = cfg.CONF
    conf([], project='oslo4j-topology-peer')
    transport = om.get_rpc_transport(conf, url=url)
    notification_transport = om.get_notification_transport(conf, url=url)
    server = om.get_rpc_server(transport, om.Target(topic=topic, server='host1'), [Endpoint()],
                               executor='threading')
    server.start()
    listener = om.get_notification_listener(notification_transport, [om.Target(topic=notification_topic)],
                                            [NotificationEndpoint()], executor='threading')
    listener.start()
    client = om.get_rpc_client(transport, om.Target(topic=topic))
    print('CALLED', client.call({}, 'echo', value='ping'), flush=True)
    print('READY', flush=True)
    for line in sys.stdin:
        command, _, value = line.strip().partition(' ')
        if command == 'cast':
            client.prepare(fanout=True).cast({}, 'echo', value=value)
    listener.stop()
    listener.wait()
    server.stop()
    server.wait()
    transport.cleanup()
    notification_transport.cleanup()


if __name__ == '__main__':
    main()
