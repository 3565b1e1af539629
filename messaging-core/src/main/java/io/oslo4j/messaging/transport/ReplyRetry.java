package io.oslo4j.messaging.transport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessageUndeliverableException;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * oslo's handling of a reply whose reply queue is missing ({@code amqpdriver.py}): while the broker
 * returns the mandatory reply as unroutable, it is published again every 250 ms, for at most
 * {@code kombu_missing_consumer_retry_timeout}; then it is given up, and the queue is taken for gone:
 * for the next 60 s, replies to it (up to 200 such queues) are dropped at once instead of holding a
 * publisher for the whole timeout again. One instance per driver; shared by the drivers so that they
 * all give up alike.
 *
 * @since 0.1
 */
public final class ReplyRetry {

	/** oslo's interval between two attempts. */
	public static final Duration INTERVAL = Duration.ofMillis(250);

	/** How long a given-up reply queue stays given up. */
	public static final Duration OBSOLETE_FOR = Duration.ofSeconds(60);

	private static final int OBSOLETE_QUEUES = 200;

	private final Duration timeout;

	private final Map<String, Long> obsoleteSince = new LinkedHashMap<>(16, 0.75f, false) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
			return size() > OBSOLETE_QUEUES;
		}

	};

	/** @param timeout how long to keep trying a reply: {@code kombu_missing_consumer_retry_timeout} */
	public ReplyRetry(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Retries a reply publish that fails with {@link MessageUndeliverableException}.
	 * @param publish the publish, resubscribed for each attempt
	 * @param replyQueue the reply queue
	 * @return the publish; it fails with {@link MessageDeliveryFailureException} once the time is up,
	 * or at once when the queue was given up less than 60 s ago; other errors pass through at once
	 */
	public Mono<Void> retrying(Mono<Void> publish, String replyQueue) {
		long attempts = Math.max(0, this.timeout.toMillis() / INTERVAL.toMillis());
		Mono<Void> retried = publish.retryWhen(Retry.fixedDelay(attempts, INTERVAL)
			.filter(MessageUndeliverableException.class::isInstance)
			.onRetryExhaustedThrow((spec, signal) -> {
				giveUp(replyQueue);
				return new MessageDeliveryFailureException("reply queue " + replyQueue
						+ " is missing; reply dropped after " + this.timeout.toMillis() + " ms", signal.failure());
			}));
		return Mono.defer(() -> isObsolete(replyQueue)
				? Mono.error(new MessageDeliveryFailureException("reply queue " + replyQueue
						+ " was found missing less than " + OBSOLETE_FOR.toSeconds() + " s ago; reply dropped", null))
				: retried);
	}

	private synchronized void giveUp(String replyQueue) {
		this.obsoleteSince.put(replyQueue, System.nanoTime());
	}

	private synchronized boolean isObsolete(String replyQueue) {
		Long since = this.obsoleteSince.get(replyQueue);
		if (since == null) {
			return false;
		}
		if (System.nanoTime() - since >= OBSOLETE_FOR.toNanos()) {
			this.obsoleteSince.remove(replyQueue);
			return false;
		}
		return true;
	}

}
