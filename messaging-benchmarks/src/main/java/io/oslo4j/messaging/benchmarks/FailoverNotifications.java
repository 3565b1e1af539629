package io.oslo4j.messaging.benchmarks;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.notify.Priority;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The notifier of the cluster scenario: {@code count} notifications {@code info} with payload
 * {@code {"seq": n}}, spread evenly over a period, one at a time, each sent again until the broker
 * confirms it (a confirmed notification is one whose send completed). {@link Received} is a
 * listener's endpoint that counts what it handled.
 */
final class FailoverNotifications {

	private static final Duration RETRY_DELAY = Duration.ofMillis(200);

	private final Notifier notifier;

	private final Set<Integer> confirmed = ConcurrentHashMap.newKeySet();

	private final LongAdder sendFailures = new LongAdder();

	private @Nullable Mono<Void> running;

	FailoverNotifications(Notifier notifier) {
		this.notifier = notifier;
	}

	void start(int count, Duration period) {
		Duration interval = Duration.ofNanos(Math.max(1, period.toNanos() / Math.max(1, count)));
		this.running = Flux.interval(interval)
			.onBackpressureBuffer()
			.take(count)
			.map((tick) -> (int) (tick + 1))
			.concatMap(this::send, 1)
			.then()
			.cache();
		this.running.subscribe();
	}

	/** Waits at most {@code timeout} until every notification is confirmed. */
	void await(Duration timeout) {
		if (this.running != null) {
			try {
				this.running.block(timeout);
			}
			catch (IllegalStateException ex) {
				// reported: fewer confirmed than sent
			}
		}
	}

	Set<Integer> confirmed() {
		return this.confirmed;
	}

	long sendFailures() {
		return this.sendFailures.sum();
	}

	private Mono<Void> send(int seq) {
		return Mono.defer(() -> this.notifier.send(Priority.INFO, RequestContext.empty(), "cluster.seq", Map.of("seq", seq)))
			.doOnError((error) -> this.sendFailures.increment())
			.retryWhen(reactor.util.retry.Retry.fixedDelay(Long.MAX_VALUE, RETRY_DELAY))
			.doOnSuccess((done) -> this.confirmed.add(seq))
			.publishOn(Schedulers.boundedElastic())
			.then();
	}

	/**
	 * Lost and duplicated notifications of one listener: {@code lost} counts the confirmed ones it
	 * never handled, {@code duplicates} the handlings beyond the first.
	 */
	static Map<String, Object> figures(Collection<Integer> confirmed, Set<Integer> handled, long duplicates) {
		long lost = confirmed.stream().filter((seq) -> !handled.contains(seq)).count();
		return Map.of("handled", handled.size(), "lost", lost, "duplicates", duplicates);
	}

	/** A Java listener's endpoint: counts every {@code info} by its seq. Public: the listener calls it. */
	public static final class Received {

		private final Map<Integer, LongAdder> seqs = new ConcurrentHashMap<>();

		/** One notification. */
		public void info(JsonNode payload) {
			this.seqs.computeIfAbsent(payload.get("seq").asInt(), (seq) -> new LongAdder()).increment();
		}

		Set<Integer> handled() {
			return this.seqs.keySet();
		}

		long duplicates() {
			return this.seqs.values().stream().mapToLong((count) -> count.sum() - 1).sum();
		}

	}

}
