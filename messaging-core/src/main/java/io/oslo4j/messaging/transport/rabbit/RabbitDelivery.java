package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.ShutdownSignalException;
import io.oslo4j.messaging.transport.Delivery;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message from a broker queue. It keeps the very channel it arrived on: its delivery tag means
 * nothing on any other channel, and once that channel is gone the broker has put the message back,
 * so a late ack or reject is dropped quietly. amqp-client channels accept acks from any thread.
 */
final class RabbitDelivery implements Delivery {

	private static final Logger logger = LoggerFactory.getLogger(RabbitDelivery.class);

	private static final AtomicIntegerFieldUpdater<RabbitDelivery> SETTLED =
			AtomicIntegerFieldUpdater.newUpdater(RabbitDelivery.class, "settled");

	private final Channel channel;

	private final long deliveryTag;

	private final boolean redelivered;

	private final AMQP.BasicProperties properties;

	private final byte[] body;

	/** 1 once acknowledged or rejected: a field, not an object, for each of the many deliveries. */
	private volatile int settled;

	RabbitDelivery(Channel channel, long deliveryTag, boolean redelivered, AMQP.BasicProperties properties,
			byte[] body) {
		this.channel = channel;
		this.deliveryTag = deliveryTag;
		this.redelivered = redelivered;
		this.properties = properties;
		this.body = body;
	}

	/**
	 * A message consumed without acknowledgement (direct reply-to): settled on arrival, so that
	 * {@link #ack()} and {@link #reject(boolean)} send nothing, which the broker would refuse.
	 */
	static RabbitDelivery autoAcknowledged(Channel channel, long deliveryTag, AMQP.BasicProperties properties,
			byte[] body) {
		RabbitDelivery delivery = new RabbitDelivery(channel, deliveryTag, false, properties, body);
		delivery.settled = 1;
		return delivery;
	}

	Channel channel() {
		return this.channel;
	}

	@Override
	public byte[] body() {
		return this.body;
	}

	@Override
	public @Nullable String contentType() {
		return this.properties.getContentType();
	}

	@Override
	public Map<String, Object> headers() {
		Map<String, Object> headers = this.properties.getHeaders();
		if (headers == null || headers.isEmpty()) {
			return Map.of();
		}
		Map<String, Object> converted = new LinkedHashMap<>();
		headers.forEach((name, value) -> converted.put(name,
				(value instanceof LongString text) ? text.toString() : value));
		return converted;
	}

	@Override
	public boolean redelivered() {
		return this.redelivered;
	}

	@Override
	public void ack() {
		if (SETTLED.compareAndSet(this, 0, 1)) {
			try {
				this.channel.basicAck(this.deliveryTag, false);
			}
			catch (IOException | ShutdownSignalException ex) {
				logger.debug("Ack of delivery {} dropped: its channel is closed, the broker requeued it",
						this.deliveryTag);
			}
		}
	}

	/**
	 * Takes the settling of this message away from its handler, whose {@link #ack()} and
	 * {@link #reject(boolean)} then send nothing, as for a message acknowledged already.
	 * @return false if it was settled already
	 */
	boolean takeOverSettling() {
		return SETTLED.compareAndSet(this, 0, 1);
	}

	/**
	 * Acknowledges this message and every earlier one on its channel ({@code multiple}), for a
	 * consumer that took the settling of all of them over ({@link ReplyAcks}).
	 */
	void ackWithEarlier() {
		try {
			this.channel.basicAck(this.deliveryTag, true);
		}
		catch (IOException | ShutdownSignalException ex) {
			logger.debug("Ack of deliveries up to {} dropped: their channel is closed, the broker requeued them",
					this.deliveryTag);
		}
	}

	@Override
	public void reject(boolean requeue) {
		if (SETTLED.compareAndSet(this, 0, 1)) {
			try {
				this.channel.basicReject(this.deliveryTag, requeue);
			}
			catch (IOException | ShutdownSignalException ex) {
				logger.debug("Reject of delivery {} dropped: its channel is closed, the broker requeued it",
						this.deliveryTag);
			}
		}
	}

}
