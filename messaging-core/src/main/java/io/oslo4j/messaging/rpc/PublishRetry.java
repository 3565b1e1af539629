package io.oslo4j.messaging.rpc;

import java.time.Duration;

import io.oslo4j.messaging.MessageRefusedException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * How an {@link RpcClient} tries a publish again: oslo's {@code retry} of {@code prepare}. Only a
 * publish that failed for a reason worth retrying is repeated; a message the broker took, or one
 * it refused ({@link MessageRefusedException#isRetryable()} false), is never sent again.
 */
final class PublishRetry {

	/** The default publish retry, built once rather than on every call. */
	private static final Retry RETRY_UNTIL_SENT = publishRetry(Long.MAX_VALUE);

	private PublishRetry() {
	}

	/**
	 * The publish, retried as {@code retry} says: null or negative until it is sent, 0 not at all,
	 * N at most N times.
	 */
	static Mono<Void> retried(Mono<Void> publish, @Nullable Integer retry) {
		if (retry != null && retry == 0) {
			return publish;
		}
		return publish.retryWhen((retry == null || retry < 0) ? RETRY_UNTIL_SENT : publishRetry(retry));
	}

	/** Retries a publish that failed for a reason worth retrying, backing off from 1 s to 30 s. */
	private static Retry publishRetry(long attempts) {
		return Retry.backoff(attempts, Duration.ofSeconds(1))
			.maxBackoff(Duration.ofSeconds(30))
			.filter(MessageRefusedException::isRetryable)
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

}
