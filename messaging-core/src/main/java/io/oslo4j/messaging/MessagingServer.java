package io.oslo4j.messaging;

import java.time.Duration;

/**
 * Something that consumes messages until stopped: an RPC server or a notification listener
 * (oslo's {@code MessageHandlingServer}; both extend
 * {@link io.oslo4j.messaging.server.MessageHandlingServer}). The three lifecycle methods are
 * idempotent and thread-safe, and a server that has terminated can be started again.
 *
 * @since 0.1
 */
public interface MessagingServer {

	/**
	 * Declares the queues and starts consuming. Does nothing when running.
	 * @throws IllegalStateException when stopped but not yet terminated (call
	 * {@link #awaitTermination(Duration)} first)
	 */
	void start();

	/** Stops taking new messages; those already taken are still handled. Does nothing when not running. */
	void stop();

	/**
	 * Stops if running, then waits until every message taken has been handled (and, for RPC, its
	 * reply published), then releases the queues.
	 * @return false if work was still in flight when the timeout passed
	 */
	boolean awaitTermination(Duration timeout);

	/** Whether the server is started and not stopped. */
	boolean isRunning();

	/**
	 * What the server serves and how, now: its targets, executor, in-flight lanes and endpoint
	 * methods. Cheap enough to call on every request of a dashboard.
	 * @since 0.2
	 */
	ServerDescription describe();

}
