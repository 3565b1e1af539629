package io.oslo4j.messaging.executor;

import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@link ExecutorKind#GREENIO}: synchronous methods run on a task-executor worker, asynchronous
 * ones are subscribed on the reactive scheduler and hold no worker while they wait.
 */
final class GreenioExecutor extends AbstractExecutor {

	private final WorkerRunner workers;

	private final GreenioRunner greenio;

	GreenioExecutor(WorkerRunner workers, GreenioRunner greenio, Scheduler replyScheduler, List<Scheduler> owned) {
		super(ExecutorKind.GREENIO, replyScheduler, owned);
		this.workers = workers;
		this.greenio = greenio;
	}

	@Override
	public Lane lane(Invocation<?> invocation) {
		return invocation.asynchronous() ? Lane.REACTIVE : Lane.BLOCKING;
	}

	@Override
	<T> Mono<T> run(Invocation<T> invocation) {
		return (lane(invocation) == Lane.REACTIVE) ? this.greenio.run(invocation) : this.workers.run(invocation);
	}

}
