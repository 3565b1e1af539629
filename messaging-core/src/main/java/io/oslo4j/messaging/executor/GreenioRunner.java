package io.oslo4j.messaging.executor;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs asynchronous invocations on the greenio scheduler, each hold of a greenio thread watched by
 * a {@link HoldWatch}: each one a {@link GreenioHold}.
 *
 * <p>The hold measured is the subscription: the method's own call and whatever its {@code Mono}
 * does synchronously when subscribed. Work its {@code Mono} later does on other threads is not.
 */
final class GreenioRunner {

	private final Scheduler scheduler;

	private final HoldWatch watch;

	GreenioRunner(Scheduler scheduler, HoldWatch watch) {
		this.scheduler = scheduler;
		this.watch = watch;
	}

	<T> Mono<T> run(Invocation<T> invocation) {
		return Mono.create((sink) -> new GreenioHold<>(invocation, sink, this.watch).start(this.scheduler));
	}

}
