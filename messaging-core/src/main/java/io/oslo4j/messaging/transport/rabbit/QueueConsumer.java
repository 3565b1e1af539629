package io.oslo4j.messaging.transport.rabbit;

import java.util.function.Consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.ConsumerCancelled;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.Delivered;

/** The consumer of one queue of a listener: signals its deliveries and cancel, on amqp-client's dispatch thread; nothing more. */
final class QueueConsumer extends DefaultConsumer {

	private final String queue;

	private final boolean stream;

	private final Consumer<ListenerSignal> signals;

	/** @param stream whether the queue is the fanout stream */
	QueueConsumer(Channel channel, String queue, boolean stream, Consumer<ListenerSignal> signals) {
		super(channel);
		this.queue = queue;
		this.stream = stream;
		this.signals = signals;
	}

	@Override
	public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
		this.signals.accept(new Delivered(new RabbitDelivery(getChannel(), envelope.getDeliveryTag(),
				envelope.isRedeliver(), properties, body), this.stream));
	}

	@Override
	public void handleCancel(String consumerTag) {
		this.signals.accept(new ConsumerCancelled(getChannel(), this.queue));
	}

}
