package io.oslo4j.messaging.transport;

import java.util.function.Consumer;

import io.oslo4j.messaging.MessageRefusedException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The retry of a publish as oslo's {@code retry} option means it (oslo's {@code Connection.ensure}),
 * waiting as the driver says ({@link PublishBackoff}). Only failures that
 * {@link MessageRefusedException#isRetryable(Throwable) may succeed when sent again} are retried;
 * when the attempts are exhausted the last failure passes through as it is.
 */
final class PublishRetry {

	private PublishRetry() {
	}

	/**
	 * @param retry oslo's {@code retry}: null or negative, without end; 0, never; n, n times
	 * @param beforeRetry called before each retry, once its wait is over
	 */
	static Retry of(@Nullable Integer retry, PublishBackoff backoff, Consumer<Retry.RetrySignal> beforeRetry) {
		long maxRetries = (retry == null || retry < 0) ? Long.MAX_VALUE : retry;
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Retry.RetrySignal failed = signal.copy();
			if (failed.totalRetries() >= maxRetries || !MessageRefusedException.isRetryable(failed.failure())) {
				return Mono.error(failed.failure());
			}
			return backoff.beforeRetry(failed.totalRetries(), failed.failure())
				.then(Mono.fromCallable(() -> {
					beforeRetry.accept(failed);
					return failed.totalRetries();
				}));
		}));
	}

}
