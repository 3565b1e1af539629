package io.oslo4j.messaging.transport;

import reactor.core.publisher.Mono;

/**
 * How long a sender waits before it publishes again after a publish failed for a reason worth
 * retrying: a driver's part of {@link Transport#publishRetry(Integer)}, which decides how often
 * and for which failures.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PublishBackoff {

	/** No wait at all: the in-memory transport's. */
	PublishBackoff NONE = (retries, failure) -> Mono.empty();

	/**
	 * The wait before one retry, on Reactor's time ({@code Mono.delay} and the like, so that a test
	 * can run it on virtual time).
	 * @param retries how many retries went before this one: 0 before the first
	 * @param failure why the last attempt failed
	 * @return completes, or emits, when the retry may go
	 */
	Mono<?> beforeRetry(long retries, Throwable failure);

}
