package io.oslo4j.messaging.transport;

import io.oslo4j.messaging.wire.MessageIds;

/**
 * The names oslo's RabbitMQ driver gives its exchanges and queues, shared by every transport so
 * that routing is the same in memory and on a broker. Queue names never include the exchange.
 *
 * @since 0.1
 */
public final class QueueNames {

	private QueueNames() {
	}

	/** The load-balanced queue of a topic, and its routing key: {@code <topic>}. */
	public static String topic(String topic) {
		return topic;
	}

	/** A server's own queue, and its routing key: {@code <topic>.<server>}. */
	public static String server(String topic, String server) {
		return topic + "." + server;
	}

	/** The fanout exchange of a topic: {@code <topic>_fanout}. */
	public static String fanoutExchange(String topic) {
		return topic + "_fanout";
	}

	/** A fresh fanout queue for one server instance: {@code <topic>_fanout_<32 hex>}. */
	public static String newFanoutQueue(String topic) {
		return fanoutQueue(topic, MessageIds.newHexId());
	}

	/**
	 * A server instance's fanout queue: {@code <topic>_fanout_<unique>}.
	 * @param unique 32 hex digits, or a queue manager's {@code <hostname>:<processname>:<n>}
	 */
	public static String fanoutQueue(String topic, String unique) {
		return topic + "_fanout_" + unique;
	}

	/** The stream that every server of a topic shares with {@code rabbit_stream_fanout}: {@code <topic>_fanout}. */
	public static String fanoutStream(String topic) {
		return topic + "_fanout";
	}

	/** A fresh reply queue for one transport: {@code reply_<32 hex>}. */
	public static String newReplyQueue() {
		return replyQueue(MessageIds.newHexId());
	}

	/**
	 * A transport's reply queue: {@code reply_<unique>}.
	 * @param unique 32 hex digits, or a queue manager's {@code <hostname>:<processname>:<n>}
	 */
	public static String replyQueue(String unique) {
		return "reply_" + unique;
	}

}
