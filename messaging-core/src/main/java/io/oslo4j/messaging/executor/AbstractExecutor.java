package io.oslo4j.messaging.executor;

import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * What every executor kind shares: the reply scheduler every outcome is signalled on, and the
 * schedulers it owns and disposes of. A kind says only which {@link Lane} an invocation takes
 * and how it runs there.
 */
abstract class AbstractExecutor implements MessagingExecutor {

	private final ExecutorKind kind;

	private final Scheduler replyScheduler;

	private final List<Scheduler> owned;

	AbstractExecutor(ExecutorKind kind, Scheduler replyScheduler, List<Scheduler> owned) {
		this.kind = kind;
		this.replyScheduler = replyScheduler;
		this.owned = List.copyOf(owned);
	}

	/** Runs the invocation in its lane; the outcome may be signalled on any thread. */
	abstract <T> Mono<T> run(Invocation<T> invocation);

	@Override
	public final ExecutorKind kind() {
		return this.kind;
	}

	@Override
	public final <T> Mono<T> execute(Invocation<T> invocation) {
		return run(invocation).publishOn(this.replyScheduler);
	}

	@Override
	public final Scheduler replyScheduler() {
		return this.replyScheduler;
	}

	@Override
	public final Mono<Void> disposeGracefully() {
		return Mono.when(this.owned.stream().map(Scheduler::disposeGracefully).toList());
	}

}
