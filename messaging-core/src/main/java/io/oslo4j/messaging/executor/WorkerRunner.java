package io.oslo4j.messaging.executor;

import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs invocations on task-executor workers: each holds its worker until its outcome is known,
 * awaiting an asynchronous method's result there, as eventlet's green threads do.
 */
final class WorkerRunner {

	private final Scheduler workers;

	WorkerRunner(Scheduler workers) {
		this.workers = workers;
	}

	<T> Mono<T> run(Invocation<T> invocation) {
		return Mono.<T>fromCallable(() -> {
			try {
				return invocation.invoke().block();
			}
			catch (RuntimeException ex) {
				Throwable cause = Exceptions.unwrap(ex);
				if (cause instanceof Exception checked) {
					throw checked;
				}
				throw ex;
			}
		}).subscribeOn(this.workers);
	}

}
