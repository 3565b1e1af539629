package io.oslo4j.messaging.executor;

import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@link ExecutorKind#REACTIVE}: every method is asynchronous and runs on the greenio scheduler;
 * there are no workers. Servers refuse blocking methods when they are built, so a synchronous
 * invocation reaching this executor is a mistake of the caller, and fails.
 */
final class ReactiveExecutor implements MessagingExecutor {

	private final GreenioRunner greenio;

	private final Scheduler replyScheduler;

	private final List<Scheduler> owned;

	ReactiveExecutor(GreenioRunner greenio, Scheduler replyScheduler, List<Scheduler> owned) {
		this.greenio = greenio;
		this.replyScheduler = replyScheduler;
		this.owned = List.copyOf(owned);
	}

	@Override
	public ExecutorKind kind() {
		return ExecutorKind.REACTIVE;
	}

	@Override
	public <T> Mono<T> execute(Invocation<T> invocation) {
		if (!invocation.asynchronous()) {
			return Mono.<T>error(new IllegalStateException("executor 'reactive' has no worker for "
					+ invocation.description() + ", which returns a plain value; return Mono or CompletionStage, or "
					+ "use executor 'greenio'"))
				.publishOn(this.replyScheduler);
		}
		return this.greenio.run(invocation).publishOn(this.replyScheduler);
	}

	@Override
	public Scheduler replyScheduler() {
		return this.replyScheduler;
	}

	@Override
	public Mono<Void> disposeGracefully() {
		return MessagingExecutors.disposeAll(this.owned);
	}

}
