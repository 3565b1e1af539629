package io.oslo4j.messaging.transport;

import io.oslo4j.messaging.Target;

/**
 * Where an RPC request or cast to a target goes, as oslo's RabbitMQ driver routes it: to the
 * target's exchange (or the control exchange) with routing key {@code topic} or
 * {@code topic.server}, or, for a fanout target, to exchange {@code <topic>_fanout} with no key.
 * For driver implementations.
 *
 * @param topic the target's topic
 * @param exchange the exchange to publish to
 * @param routingKey the routing key, empty for a fanout
 * @param fanout whether the request goes to every server of the topic
 * @since 0.1
 */
public record RequestRoute(String topic, String exchange, String routingKey, boolean fanout) {

	/**
	 * The route of a request to a target.
	 * @param controlExchange the exchange of a target that names none
	 * @throws io.oslo4j.messaging.InvalidTargetException if the target has no topic
	 */
	public static RequestRoute of(Target target, String controlExchange) {
		String topic = target.requireTopic("a request");
		if (target.fanout()) {
			return new RequestRoute(topic, QueueNames.fanoutExchange(topic), "", true);
		}
		String exchange = (target.exchange() != null) ? target.exchange() : controlExchange;
		String server = target.server();
		String routingKey = (server != null) ? QueueNames.server(topic, server) : QueueNames.topic(topic);
		return new RequestRoute(topic, exchange, routingKey, false);
	}

}
