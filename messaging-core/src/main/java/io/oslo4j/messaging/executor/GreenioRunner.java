package io.oslo4j.messaging.executor;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * Runs asynchronous invocations on the greenio scheduler and watches how they use its threads,
 * as asyncio's debug mode does: a method that holds its thread longer than the slow-callback
 * threshold (asyncio's {@code slow_callback_duration}) is logged at WARN, always; with
 * {@link BlockingDetection} on, each blocking call it makes there is reported too.
 *
 * <p>The hold measured is the subscription: the method's own call and whatever its {@code Mono}
 * does synchronously when subscribed. Work its {@code Mono} later does on other threads is not.
 */
final class GreenioRunner {

	private static final Logger logger = LoggerFactory.getLogger(GreenioRunner.class);

	private final Scheduler scheduler;

	private final Duration slowCallbackThreshold;

	private final BlockingDetection detection;

	GreenioRunner(Scheduler scheduler, Duration slowCallbackThreshold, BlockingDetection detection) {
		this.scheduler = scheduler;
		this.slowCallbackThreshold = slowCallbackThreshold;
		this.detection = detection;
	}

	<T> Mono<T> run(Invocation<T> invocation) {
		return Mono.create((sink) -> {
			Disposable.Swap subscription = Disposables.swap();
			Disposable task = this.scheduler.schedule(() -> subscription.update(hold(invocation, sink)));
			sink.onCancel(() -> {
				task.dispose();
				subscription.dispose();
			});
		});
	}

	/** Calls the method on this greenio thread and subscribes to its outcome, timing the hold. */
	private <T> Disposable hold(Invocation<T> invocation, MonoSink<T> sink) {
		BlockingCallDetector.@Nullable Scope scope = (this.detection != BlockingDetection.OFF)
				? BlockingCallDetector.enter(invocation, this.detection == BlockingDetection.FAIL) : null;
		long start = System.nanoTime();
		try {
			return invocation.invoke()
				.subscribe((value) -> deliver(sink, scope, value), (error) -> fail(sink, scope, error),
						() -> deliver(sink, scope, null));
		}
		catch (RuntimeException ex) {
			fail(sink, scope, ex);
			return Disposables.disposed();
		}
		finally {
			long held = System.nanoTime() - start;
			if (scope != null) {
				scope.close();
			}
			if (held > this.slowCallbackThreshold.toNanos()) {
				logger.warn("{} held greenio thread {} for {} (slow-callback threshold {}): a Mono or CompletionStage "
						+ "method must not block or compute for long; move such work off with "
						+ "subscribeOn(Schedulers.boundedElastic()), or return a plain value so that the method runs "
						+ "on a worker", invocation.description(), Thread.currentThread().getName(), millis(held),
						millis(this.slowCallbackThreshold.toNanos()));
			}
		}
	}

	/** A caught blocking call fails the outcome even when the method caught the exception itself. */
	private static <T> void deliver(MonoSink<T> sink, BlockingCallDetector.@Nullable Scope scope, @Nullable T value) {
		BlockingCallException failure = (scope != null) ? scope.failure() : null;
		if (failure != null) {
			sink.error(failure);
		}
		else if (value != null) {
			sink.success(value);
		}
		else {
			sink.success();
		}
	}

	private static void fail(MonoSink<?> sink, BlockingCallDetector.@Nullable Scope scope, Throwable error) {
		BlockingCallException failure = (scope != null) ? scope.failure() : null;
		sink.error((failure != null) ? failure : error);
	}

	private static String millis(long nanos) {
		return (nanos >= 100_000) ? String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0) : nanos + " ns";
	}

}
