package io.oslo4j.messaging.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.rpc.RpcClient;

import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Java callers of the cluster scenario: {@code concurrency} lanes, each keeping one {@code echo}
 * in flight until stopped. Counts how each call ended (answered, timed out, anything else) and the
 * longest time in which no lane had an answer (from the start until {@link #stop}); a call still
 * pending long after its timeout is hung. Answers are also counted per second of the run, so that
 * the figures show how the load went through the fault, not only its longest pause.
 */
final class FailoverCalls {

	private final RpcClient client;

	private final LongAdder answered = new LongAdder();

	private final LongAdder timedOut = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder pending = new LongAdder();

	private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

	private final AtomicLong lastAnswer = new AtomicLong();

	private final AtomicLong longestGap = new AtomicLong();

	/** Answers in each second since the start; a run longer than this counts the rest in the last. */
	private final AtomicIntegerArray answeredEachSecond = new AtomicIntegerArray(900);

	private volatile boolean stopping;

	private volatile long longestGapEnd;

	private volatile long started;

	private volatile long stopped;

	private @Nullable Mono<Void> running;

	FailoverCalls(RpcClient client) {
		this.client = client;
	}

	void start(int concurrency) {
		this.started = System.nanoTime();
		this.lastAnswer.set(this.started);
		List<Mono<Void>> lanes = new ArrayList<>();
		for (int lane = 0; lane < concurrency; lane++) {
			lanes.add(lane(lane));
		}
		this.running = Mono.when(lanes).cache();
		this.running.subscribe();
	}

	/** Calls answered so far. */
	long answered() {
		return this.answered.sum();
	}

	/** Stops the lanes and waits at most {@code timeout} for the calls in flight to end. */
	void stop(Duration timeout) {
		// the time with no answer counts until the load stops, not until the figures are read
		this.stopped = System.nanoTime();
		noteGap(this.stopped);
		this.stopping = true;
		if (this.running != null) {
			try {
				this.running.block(timeout);
			}
			catch (IllegalStateException ex) {
				// some calls never ended: they are counted as hung
			}
		}
	}

	/**
	 * The figures: answered (and per second, from the start until {@link #stop}), timed_out, errors (with samples), hung, longest_gap_s, and when that
	 * gap ended, in seconds after {@code since} (a {@link System#nanoTime()}: the fault's start).
	 */
	Map<String, Object> figures(long since) {
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("answered", this.answered.sum());
		figures.put("answered_per_s", Math.round(this.answered.sum() * 1e10 / Math.max(1, this.stopped - this.started)) / 10.0);
		figures.put("timed_out", this.timedOut.sum());
		figures.put("errors", this.failed.sum());
		figures.put("error_samples", this.failures.stream().limit(5).toList());
		figures.put("hung", this.pending.sum());
		figures.put("longest_gap_s", Math.round(this.longestGap.get() / 1e6) / 1000.0);
		figures.put("longest_gap_ended_s_after_fault", Math.round((this.longestGapEnd - since) / 1e6) / 1000.0);
		figures.put("answered_each_second_from_2s_before_fault", eachSecond(second(since) - 2, second(this.stopped)));
		return figures;
	}

	private List<Integer> eachSecond(int from, int to) {
		List<Integer> counts = new ArrayList<>();
		for (int second = Math.max(0, from); second <= to; second++) {
			counts.add(this.answeredEachSecond.get(second));
		}
		return counts;
	}

	/** The second of the run that a {@link System#nanoTime()} falls in. */
	private int second(long nanoTime) {
		long second = Math.max(0, (nanoTime - this.started) / 1_000_000_000L);
		return (int) Math.min(second, this.answeredEachSecond.length() - 1);
	}

	private Mono<Void> lane(int lane) {
		return Mono.defer(() -> call(lane)).repeat(() -> !this.stopping).then();
	}

	private Mono<Void> call(int lane) {
		this.pending.increment();
		return this.client.callAsync(RequestContext.empty(), "echo", Map.of("value", lane))
			.doOnSuccess((answer) -> {
				this.answered.increment();
				long now = System.nanoTime();
				this.answeredEachSecond.incrementAndGet(second(now));
				noteGap(now);
			})
			.onErrorResume((error) -> {
				if (Exceptions.unwrap(error) instanceof MessagingTimeoutException) {
					this.timedOut.increment();
				}
				else {
					this.failed.increment();
					this.failures.add(error.toString());
				}
				// a caller that failed at once waits a little, as an application would
				return Mono.delay(Duration.ofMillis(100), Schedulers.parallel()).then(Mono.empty());
			})
			// before the end is signalled on: doFinally runs after it, so the last call of the run
			// could still count as pending when stop() returns and the figures are read
			.doOnTerminate(this.pending::decrement)
			.doOnCancel(this.pending::decrement)
			.then();
	}

	private synchronized void noteGap(long now) {
		long previous = this.lastAnswer.getAndAccumulate(now, Math::max);
		if (now - previous > this.longestGap.get()) {
			this.longestGap.set(now - previous);
			this.longestGapEnd = now;
		}
	}

}
