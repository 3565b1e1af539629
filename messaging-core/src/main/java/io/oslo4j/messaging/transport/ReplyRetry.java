package io.oslo4j.messaging.transport;

import java.time.Duration;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessageUndeliverableException;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * oslo's retry of a reply whose reply queue is missing: while the broker returns the mandatory
 * reply as unroutable, it is published again every 250 ms, for at most
 * {@code kombu_missing_consumer_retry_timeout}; then it is given up. Shared by the drivers so that
 * they all give up alike.
 *
 * @since 0.1
 */
public final class ReplyRetry {

	/** oslo's interval between two attempts. */
	public static final Duration INTERVAL = Duration.ofMillis(250);

	private ReplyRetry() {
	}

	/**
	 * Retries a reply publish that fails with {@link MessageUndeliverableException}.
	 * @param publish the publish, resubscribed for each attempt
	 * @param replyQueue the reply queue, for the message
	 * @param timeout how long to keep trying
	 * @return the publish, failing with {@link MessageDeliveryFailureException} once the time is up;
	 * other errors pass through at once
	 */
	public static Mono<Void> retrying(Mono<Void> publish, String replyQueue, Duration timeout) {
		long attempts = Math.max(0, timeout.toMillis() / INTERVAL.toMillis());
		return publish.retryWhen(Retry.fixedDelay(attempts, INTERVAL)
			.filter(MessageUndeliverableException.class::isInstance)
			.onRetryExhaustedThrow((spec, signal) -> new MessageDeliveryFailureException("reply queue " + replyQueue
					+ " is missing; reply dropped after " + timeout.toMillis() + " ms", signal.failure())));
	}

}
