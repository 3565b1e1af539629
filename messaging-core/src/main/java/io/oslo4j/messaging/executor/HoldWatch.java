package io.oslo4j.messaging.executor;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches how an asynchronous method holds a greenio thread, as asyncio's debug mode does: a hold
 * longer than the slow-callback threshold (asyncio's {@code slow_callback_duration}) is logged at
 * WARN, always; with {@link BlockingDetection} on, each blocking call made during it is reported.
 */
final class HoldWatch {

	private static final Logger logger = LoggerFactory.getLogger(HoldWatch.class);

	private final long slowCallbackNanos;

	private final BlockingDetection detection;

	HoldWatch(Duration slowCallbackThreshold, BlockingDetection detection) {
		this.slowCallbackNanos = slowCallbackThreshold.toNanos();
		this.detection = detection;
	}

	/** Starts watching the current thread for blocking calls; null when detection is off. */
	BlockingCallDetector.@Nullable Scope enter(Invocation<?> invocation) {
		return (this.detection != BlockingDetection.OFF)
				? BlockingCallDetector.enter(invocation, this.detection == BlockingDetection.FAIL) : null;
	}

	/** Ends the watch of a hold that lasted {@code heldNanos}. */
	void held(Invocation<?> invocation, BlockingCallDetector.@Nullable Scope scope, long heldNanos) {
		if (scope != null) {
			scope.close();
		}
		if (heldNanos > this.slowCallbackNanos) {
			logger.warn("{} held greenio thread {} for {} (slow-callback threshold {}): a Mono or CompletionStage "
					+ "method must not block or compute for long; move such work off with "
					+ "subscribeOn(Schedulers.boundedElastic()), or return a plain value so that the method runs "
					+ "on a worker", invocation.description(), Thread.currentThread().getName(), millis(heldNanos),
					millis(this.slowCallbackNanos));
		}
	}

	private static String millis(long nanos) {
		return (nanos >= 100_000) ? String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0) : nanos + " ns";
	}

}
