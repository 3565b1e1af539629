package io.oslo4j.messaging.transport;

/**
 * Receives the messages of a listener on the transport's consumer thread: one at a time from each
 * channel the listener consumes on. A listener may consume on more than one (the {@code rabbit://}
 * driver gives an RPC server's fanout queue a channel of its own), so a handler may be called from
 * two threads at once.
 *
 * <p>A handler must hand the work off quickly. It may block only to apply back-pressure (waiting
 * for room in a bounded in-flight set); the transport then stops taking messages from the broker
 * beyond its prefetch. An exception thrown by a handler is logged and the delivery rejected
 * without requeue; it never stops the listener.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DeliveryHandler {

	void onDelivery(Delivery delivery);

}
