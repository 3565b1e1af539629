package io.oslo4j.messaging.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.rpc.RpcClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A steady stream of calls ({@code echo}), casts ({@code record}) and notifications ({@code info}
 * with a {@code seq}), each numbered, every 20 ms, until stopped. It records how each call ended and
 * how long its caller waited (calls are blocking, each on a thread of its own), and which casts and
 * notifications the broker confirmed. Calls run up to 4 at a
 * time; casts and notifications one at a time, retried until the broker takes them, so a broker
 * outage holds them up instead of piling them up.
 */
final class Load {

	private static final Duration PERIOD = Duration.ofMillis(20);

	private final RpcClient client;

	private final Notifier notifier;

	private final AtomicInteger sequence = new AtomicInteger();

	private final Queue<CallOutcome> calls = new ConcurrentLinkedQueue<>();

	private final Set<Integer> castsConfirmed = ConcurrentHashMap.newKeySet();

	private final Set<Integer> notificationsConfirmed = ConcurrentHashMap.newKeySet();

	private volatile boolean stopping;

	private @Nullable Mono<Void> running;

	Load(RpcClient client, Notifier notifier) {
		this.client = client;
		this.notifier = notifier;
	}

	void start() {
		Mono<Void> callStream = ticks().flatMap((seq) -> call(seq), 4).then();
		Mono<Void> castStream = ticks()
			.concatMap((seq) -> this.client.castAsync(RequestContext.empty(), "record", Map.of("seq", seq))
				.then(Mono.fromRunnable(() -> this.castsConfirmed.add(seq))))
			.then();
		Mono<Void> notificationStream = ticks()
			.concatMap((seq) -> this.notifier.send(Priority.INFO, RequestContext.empty(), "seq", Map.of("seq", seq))
				.then(Mono.fromRunnable(() -> this.notificationsConfirmed.add(seq))))
			.then();
		this.running = Mono.when(callStream, castStream, notificationStream).cache();
		this.running.subscribe();
	}

	/** Stops sending, and waits (bounded) for what was sent to end. */
	void stop(Duration timeout) {
		this.stopping = true;
		if (this.running != null) {
			this.running.block(timeout);
		}
	}

	long callsSucceeded() {
		return this.calls.stream().filter((call) -> call.error() == null).count();
	}

	List<CallOutcome> callOutcomes() {
		return List.copyOf(this.calls);
	}

	Set<Integer> castsConfirmed() {
		return this.castsConfirmed;
	}

	Set<Integer> notificationsConfirmed() {
		return this.notificationsConfirmed;
	}

	private Flux<Integer> ticks() {
		return Flux.interval(PERIOD)
			.onBackpressureDrop()
			.takeWhile((tick) -> !this.stopping)
			.map((tick) -> this.sequence.incrementAndGet())
			.publishOn(Schedulers.boundedElastic(), 1);
	}

	/** A blocking call, as an application makes it, timed by the wall clock of its caller. */
	private Mono<Void> call(int seq) {
		return Mono.fromRunnable(() -> {
			long start = System.nanoTime();
			try {
				this.client.call(RequestContext.empty(), "echo", Map.of("value", seq), Integer.class);
				this.calls.add(new CallOutcome(seq, Duration.ofNanos(System.nanoTime() - start), null));
			}
			catch (RuntimeException ex) {
				this.calls.add(new CallOutcome(seq, Duration.ofNanos(System.nanoTime() - start), ex));
			}
		}).subscribeOn(Schedulers.boundedElastic()).then();
	}

	/** How one call ended: its error, or null when it was answered. */
	record CallOutcome(int seq, Duration duration, @Nullable Throwable error) {
	}

}
