package io.oslo4j.messaging.executor;

import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@link ExecutorKind#GREENIO}: synchronous methods run on a task-executor worker, asynchronous
 * ones are subscribed on the reactive scheduler and hold no worker while they wait.
 */
final class GreenioExecutor implements MessagingExecutor {

	private final Scheduler taskScheduler;

	private final GreenioRunner greenio;

	private final Scheduler replyScheduler;

	private final List<Scheduler> owned;

	GreenioExecutor(Scheduler taskScheduler, GreenioRunner greenio, Scheduler replyScheduler, List<Scheduler> owned) {
		this.taskScheduler = taskScheduler;
		this.greenio = greenio;
		this.replyScheduler = replyScheduler;
		this.owned = List.copyOf(owned);
	}

	@Override
	public ExecutorKind kind() {
		return ExecutorKind.GREENIO;
	}

	@Override
	public <T> Mono<T> execute(Invocation<T> invocation) {
		Mono<T> outcome = invocation.asynchronous()
				? this.greenio.run(invocation)
				: EventletExecutor.onWorker(invocation, this.taskScheduler);
		return outcome.publishOn(this.replyScheduler);
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
