package io.oslo4j.messaging.transport;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One message handed to a {@link DeliveryHandler}, with the means to settle it.
 *
 * <p>{@link #ack()} and {@link #reject(boolean)} may be called from any thread, and only the first
 * call of either counts. A delivery that is never settled goes back to its queue when its listener
 * closes, as an unacknowledged AMQP message does when its channel closes.
 *
 * @since 0.1
 */
public interface Delivery {

	/** The message body, as published. */
	byte[] body();

	/** The AMQP content type, or null when the publisher set none. */
	@Nullable String contentType();

	/** The AMQP headers; empty when there are none. */
	Map<String, Object> headers();

	/** Whether the broker delivered this message before (after a requeue or a lost consumer). */
	boolean redelivered();

	/** Acknowledges the message: it is gone from its queue. */
	void ack();

	/** Rejects the message: back to its queue when {@code requeue}, otherwise dropped or dead-lettered. */
	void reject(boolean requeue);

}
