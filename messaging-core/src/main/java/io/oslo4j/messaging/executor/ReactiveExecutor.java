package io.oslo4j.messaging.executor;

import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@link ExecutorKind#REACTIVE}: every method is asynchronous and runs on the greenio scheduler;
 * there are no workers. Servers refuse blocking methods when they are built, so a synchronous
 * invocation reaching this executor is a mistake of the caller, and fails.
 */
final class ReactiveExecutor extends AbstractExecutor {

	private final GreenioRunner greenio;

	ReactiveExecutor(GreenioRunner greenio, Scheduler replyScheduler, List<Scheduler> owned) {
		super(ExecutorKind.REACTIVE, replyScheduler, owned);
		this.greenio = greenio;
	}

	@Override
	public Lane lane(Invocation<?> invocation) {
		return Lane.REACTIVE;
	}

	@Override
	<T> Mono<T> run(Invocation<T> invocation) {
		if (!invocation.asynchronous()) {
			return Mono.error(new IllegalStateException("executor 'reactive' has no worker for "
					+ invocation.description() + ", which returns a plain value; return Mono or CompletionStage, or "
					+ "use executor 'greenio'"));
		}
		return this.greenio.run(invocation);
	}

}
