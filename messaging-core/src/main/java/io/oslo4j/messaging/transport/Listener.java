package io.oslo4j.messaging.transport;

/**
 * A running subscription of a transport: its queues are declared and consumed until it stops.
 *
 * @since 0.1
 */
public interface Listener extends AutoCloseable {

	/**
	 * Stops consuming: no new delivery reaches the handler once this returns. Deliveries already
	 * handed over may still be settled. Idempotent.
	 */
	void stop();

	/**
	 * Stops and releases the subscription: unsettled deliveries go back to their queues, and
	 * queues that belong to this listener alone (an RPC server's fanout queue) are deleted.
	 * Idempotent.
	 */
	@Override
	void close();

	/** Whether the listener is consuming from all its queues right now. */
	boolean isConsuming();

}
