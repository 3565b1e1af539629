package io.oslo4j.messaging.executor;

import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@link ExecutorKind#EVENTLET}: every invocation occupies a task-executor worker until its
 * outcome is known, awaiting an asynchronous method's result on that worker.
 */
final class EventletExecutor extends AbstractExecutor {

	private final WorkerRunner workers;

	EventletExecutor(WorkerRunner workers, Scheduler replyScheduler, List<Scheduler> owned) {
		super(ExecutorKind.EVENTLET, replyScheduler, owned);
		this.workers = workers;
	}

	@Override
	public Lane lane(Invocation<?> invocation) {
		return Lane.BLOCKING;
	}

	@Override
	<T> Mono<T> run(Invocation<T> invocation) {
		return this.workers.run(invocation);
	}

}
