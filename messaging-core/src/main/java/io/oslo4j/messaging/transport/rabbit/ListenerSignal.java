package io.oslo4j.messaging.transport.rabbit;

import com.rabbitmq.client.Channel;

/**
 * What reaches a {@link RabbitListener}'s own thread through its inbox: the events of its life,
 * from amqp-client's threads (a lost channel, a cancel by the broker) and from the application's
 * (stop, close); and the deliveries too, on a connection whose dispatch threads must not wait for
 * back-pressure (an application's connection factory).
 */
sealed interface ListenerSignal {

	/**
	 * A message the broker pushed, when the listener's thread hands the deliveries over.
	 * @param fromStream whether it comes from the fanout stream, whose offset the listener tracks
	 */
	record Delivered(RabbitDelivery delivery, boolean fromStream) implements ListenerSignal {
	}

	/** The channel closed: a connection failure, a broker restart, a channel error. */
	record ChannelLost(Channel channel, String reason) implements ListenerSignal {
	}

	/**
	 * The broker cancelled a consumer (its queue was deleted, or a quorum queue failed over with
	 * {@code enable_cancel_on_failover}); the channel stays open.
	 */
	record ConsumerCancelled(Channel channel, String queue) implements ListenerSignal {
	}

	/** The listener stopped: a wait before consuming again ends early. */
	record Stopped() implements ListenerSignal {
	}

	/** The listener closed: the consumer thread ends. */
	record Closed() implements ListenerSignal {
	}

}
