package io.oslo4j.messaging.transport.rabbit;

import java.util.function.Consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.ConsumerCancelled;

/**
 * The consumer of one queue of a listener, on amqp-client's dispatch thread for the channel (one
 * delivery at a time, in the channel's order): passes its deliveries on where they arrive, and
 * signals the broker's cancel; nothing more.
 */
final class QueueConsumer extends DefaultConsumer {

	private final String queue;

	private final boolean stream;

	private final Deliveries deliveries;

	private final Consumer<ListenerSignal> signals;

	/**
	 * @param stream whether the queue is the fanout stream
	 * @param deliveries called with each delivery, on the dispatch thread
	 * @param signals told of a cancel by the broker
	 */
	QueueConsumer(Channel channel, String queue, boolean stream, Deliveries deliveries,
			Consumer<ListenerSignal> signals) {
		super(channel);
		this.queue = queue;
		this.stream = stream;
		this.deliveries = deliveries;
		this.signals = signals;
	}

	@Override
	public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
		this.deliveries.delivered(new RabbitDelivery(getChannel(), envelope.getDeliveryTag(), envelope.isRedeliver(),
				properties, body), this.stream);
	}

	@Override
	public void handleCancel(String consumerTag) {
		this.signals.accept(new ConsumerCancelled(getChannel(), this.queue));
	}

	/** Where a listener's deliveries go, on amqp-client's dispatch thread. */
	@FunctionalInterface
	interface Deliveries {

		/** @param fromStream whether it comes from the fanout stream, whose offset the listener tracks */
		void delivered(RabbitDelivery delivery, boolean fromStream);

	}

}
