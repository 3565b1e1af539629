package io.oslo4j.messaging.executor;

import reactor.core.publisher.Mono;

/**
 * One call of an endpoint method, ready to run: its arguments are known, and whether the method
 * is asynchronous was decided once, when the endpoint was introspected.
 *
 * @param <T> the result type
 * @since 0.1
 */
public interface Invocation<T> {

	/** Whether the method returns {@code Mono} or {@code CompletionStage} rather than a value. */
	boolean asynchronous();

	/**
	 * The method's outcome. Subscribing calls the method on the subscribing thread; a synchronous
	 * method's value or exception is signalled at once, an asynchronous method's when its
	 * {@code Mono} or {@code CompletionStage} completes. An empty result means {@code null}.
	 */
	Mono<T> invoke();

	/**
	 * How diagnostics name the method, as {@code ComputeEndpoint.resize}.
	 * @since 0.2
	 */
	default String description() {
		return "an endpoint method";
	}

	/**
	 * Told by the executor each time the method is caught making a blocking call on a thread that
	 * must not block (see {@link MessagingExecutors.Builder#blockingDetection}), so that it can be
	 * counted; must be quick and thread-safe.
	 * @since 0.2
	 */
	default void blockingCallCaught() {
	}

}
