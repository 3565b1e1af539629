package io.oslo4j.messaging.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.oslo4j.messaging.MessagingTimeoutException;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * Sends requests with a bounded number in flight and measures them. Concurrency comes from
 * asynchronous sends, never from a thread per request: {@code concurrency} lanes each keep one
 * request in flight and send the next when it finishes. So 10,000 requests in flight cost 10,000
 * pending {@code Mono}s, not 10,000 threads.
 *
 * <p>A request that fails is counted as a timeout ({@link MessagingTimeoutException}) or an error;
 * only successful ones are in the latency histogram.
 */
final class LoadGenerator {

	private final Supplier<Mono<?>> request;

	LoadGenerator(Supplier<Mono<?>> request) {
		this.request = request;
	}

	/**
	 * Sends {@code calls} requests, or as many as fit in {@code duration} when it is not null, and
	 * returns once every request sent has finished.
	 * @param run where to count, which others may watch while it runs
	 */
	Run run(Run run, int concurrency, long calls, @Nullable Duration duration) {
		BooleanSupplier another;
		if (duration != null) {
			long deadline = System.nanoTime() + duration.toNanos();
			another = () -> System.nanoTime() - deadline < 0;
		}
		else {
			AtomicLong tickets = new AtomicLong(calls);
			another = () -> tickets.getAndDecrement() > 0;
		}
		List<Mono<Void>> lanes = new ArrayList<>(concurrency);
		for (int i = 0; i < concurrency; i++) {
			lanes.add(lane(run, another));
		}
		run.started = System.nanoTime();
		Mono.when(lanes).block();
		run.finished = System.nanoTime();
		return run;
	}

	/**
	 * One lane: sends a request, and when it finishes the next, while there is another to send. A
	 * lane holds one request in flight, so {@code concurrency} lanes hold that many. (Lanes rather
	 * than {@code flatMap(request, concurrency)}: flatMap scans all its inner subscribers on every
	 * completion, which at 10,000 in flight cost more than oslo4j itself.)
	 */
	private Mono<Void> lane(Run run, BooleanSupplier another) {
		return Mono.defer(() -> another.getAsBoolean() ? timed(run).thenReturn(Boolean.TRUE) : Mono.just(Boolean.FALSE))
			.repeat()
			.takeWhile(Boolean::booleanValue)
			.then();
	}

	private Mono<Void> timed(Run run) {
		return Mono.defer(() -> {
			run.sent.increment();
			long start = System.nanoTime();
			return this.request.get()
				.then()
				.doOnSuccess((ignored) -> run.succeed(System.nanoTime() - start))
				.onErrorResume((error) -> {
					run.fail(Exceptions.unwrap(error));
					return Mono.empty();
				});
		});
	}

	/** What one run measured; its counters are live while it runs, for progress reports. */
	static final class Run {

		private final Histogram latencies = new ConcurrentHistogram(3);

		private final LongAdder sent = new LongAdder();

		private final LongAdder succeeded = new LongAdder();

		private final LongAdder errors = new LongAdder();

		private final LongAdder timeouts = new LongAdder();

		private final AtomicReference<@Nullable Throwable> firstError = new AtomicReference<>();

		private volatile long started;

		private volatile long finished;

		private void succeed(long nanos) {
			this.latencies.recordValue(nanos);
			this.succeeded.increment();
		}

		private void fail(Throwable error) {
			if (error instanceof MessagingTimeoutException) {
				this.timeouts.increment();
			}
			else {
				this.errors.increment();
				this.firstError.compareAndSet(null, error);
			}
		}

		/**
		 * The figures every load command reports, in its JSON line's order: throughput, latency
		 * percentiles, wall time, errors, timeouts, peak threads and CPU per call.
		 */
		Map<String, @Nullable Object> figures(int peakThreads, long cpuBefore, long cpuAfter) {
			double seconds = elapsed().toNanos() / 1e9;
			Map<String, @Nullable Object> figures = new LinkedHashMap<>();
			figures.put("calls_per_s", round(succeeded() / seconds, 1));
			figures.put("p50_ms", millis(50));
			figures.put("p95_ms", millis(95));
			figures.put("p99_ms", millis(99));
			figures.put("max_ms", millis(100));
			figures.put("seconds", round(seconds, 3));
			figures.put("errors", errors());
			figures.put("timeouts", timeouts());
			figures.put("peak_threads", peakThreads);
			figures.put("cpu_us_per_call", ProcessCpu.microsPerRequest(cpuBefore, cpuAfter, succeeded()));
			return figures;
		}

		private @Nullable Double millis(double percentile) {
			return (this.latencies.getTotalCount() == 0) ? null
					: round(this.latencies.getValueAtPercentile(percentile) / 1e6, 3);
		}

		private static double round(double value, int decimals) {
			double scale = Math.pow(10, decimals);
			return Math.round(value * scale) / scale;
		}

		/** Latencies of the successful requests, in nanoseconds. */
		Histogram latencies() {
			return this.latencies;
		}

		long sent() {
			return this.sent.sum();
		}

		long succeeded() {
			return this.succeeded.sum();
		}

		long errors() {
			return this.errors.sum();
		}

		long timeouts() {
			return this.timeouts.sum();
		}

		/** Requests sent and not finished yet. */
		long inFlight() {
			return sent() - succeeded() - errors() - timeouts();
		}

		@Nullable Throwable firstError() {
			return this.firstError.get();
		}

		boolean hasStarted() {
			return this.started != 0;
		}

		/** Wall time from the first send to the last completion (or to now, while running). */
		Duration elapsed() {
			long end = (this.finished != 0) ? this.finished : System.nanoTime();
			return Duration.ofNanos(end - this.started);
		}

	}

}
