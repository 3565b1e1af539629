package io.oslo4j.messaging.transport;

import org.jspecify.annotations.Nullable;

/**
 * One stream of notifications a listener consumes: routing key {@code <topic>.<priority>} on an
 * exchange.
 *
 * @param exchange the exchange, or null for the transport's control exchange
 * @param topic the notification topic, e.g. {@code notifications}
 * @param priority the lower-case priority, e.g. {@code info}
 * @since 0.1
 */
public record NotificationBinding(@Nullable String exchange, String topic, String priority) {

	/** The routing key and, without a pool, the queue name: {@code <topic>.<priority>}. */
	public String routingKey() {
		return this.topic + "." + this.priority;
	}

}
