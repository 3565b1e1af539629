package io.oslo4j.messaging.executor;

import reactor.core.scheduler.Scheduler;

/**
 * The task-executor workers: each invocation's task ({@link Execution.Call#run}) holds its worker
 * until its outcome is known, awaiting an asynchronous method's result there, as eventlet's green
 * threads do.
 */
final class WorkerRunner {

	private final Scheduler workers;

	WorkerRunner(Scheduler workers) {
		this.workers = workers;
	}

	/**
	 * Hands a task to a worker.
	 * @throws java.util.concurrent.RejectedExecutionException when the workers take no more
	 */
	void execute(Runnable task) {
		this.workers.schedule(task);
	}

}
