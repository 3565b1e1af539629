package io.oslo4j.messaging.executor;

import java.util.List;

import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@link ExecutorKind#EVENTLET}: every invocation occupies a task-executor worker until its
 * outcome is known, awaiting an asynchronous method's result on that worker.
 */
final class EventletExecutor implements MessagingExecutor {

	private final Scheduler taskScheduler;

	private final Scheduler replyScheduler;

	private final List<Scheduler> owned;

	EventletExecutor(Scheduler taskScheduler, Scheduler replyScheduler, List<Scheduler> owned) {
		this.taskScheduler = taskScheduler;
		this.replyScheduler = replyScheduler;
		this.owned = List.copyOf(owned);
	}

	@Override
	public ExecutorKind kind() {
		return ExecutorKind.EVENTLET;
	}

	@Override
	public <T> Mono<T> execute(Invocation<T> invocation) {
		return onWorker(invocation, this.taskScheduler).publishOn(this.replyScheduler);
	}

	/** Runs the invocation on a worker of {@code taskScheduler}, blocking that worker until it is done. */
	static <T> Mono<T> onWorker(Invocation<T> invocation, Scheduler taskScheduler) {
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
		}).subscribeOn(taskScheduler);
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
