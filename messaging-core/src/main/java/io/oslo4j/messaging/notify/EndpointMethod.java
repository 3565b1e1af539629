package io.oslo4j.messaging.notify;

import java.lang.reflect.Method;
import java.util.Set;

import io.oslo4j.messaging.endpoint.HandlerMethod;
import io.oslo4j.messaging.executor.Invocation;
import io.oslo4j.messaging.executor.MessagingExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * An endpoint's {@link HandlerMethod} as a listener dispatches to it: the priorities it handles,
 * the endpoint's filter, and how what it returns becomes a {@link NotificationResult}.
 *
 * @param <I> what the method is called for: one notification, or a batch
 */
final class EndpointMethod<I> {

	private static final Logger logger = LoggerFactory.getLogger(EndpointMethod.class);

	private final HandlerMethod<I> handler;

	private final Set<Priority> priorities;

	private final NotificationFilter filter;

	EndpointMethod(HandlerMethod<I> handler, Set<Priority> priorities, NotificationFilter filter) {
		this.handler = handler;
		this.priorities = Set.copyOf(priorities);
		this.filter = filter;
	}

	Method method() {
		return this.handler.method();
	}

	/** Whether it returns {@code Mono} or {@code CompletionStage}. */
	boolean reactive() {
		return this.handler.returnType().isAsynchronous();
	}

	/** Blocking calls the executor caught it making on a greenio thread. */
	long blockingCalls() {
		return this.handler.blockingCalls();
	}

	Set<Priority> priorities() {
		return this.priorities;
	}

	NotificationFilter filter() {
		return this.filter;
	}

	/**
	 * Runs the method on the executor. Its outcome is signalled on the executor's reply
	 * scheduler: the method's result, {@link NotificationResult#HANDLED} when it returned nothing,
	 * or {@link NotificationResult#REQUEUE} when it failed (the failure is logged), as oslo counts
	 * an endpoint exception. The returned {@code Mono} never errors.
	 */
	Mono<NotificationResult> execute(MessagingExecutor executor, I input) {
		return executor.execute(invocation(input)).defaultIfEmpty(NotificationResult.HANDLED).onErrorResume((ex) -> {
			logger.error("Notification endpoint {} failed; the notification counts as REQUEUE", this.handler.signature(),
					ex);
			return Mono.just(NotificationResult.REQUEUE);
		});
	}

	/**
	 * One call of the method, for an executor. Arguments are made (the payload converted) when
	 * the invocation runs, on the executor's thread, so a payload that does not convert fails the
	 * invocation like an exception of the method.
	 */
	Invocation<NotificationResult> invocation(I input) {
		return this.handler.invocation(this.handler.invoke(input).ofType(NotificationResult.class));
	}

	@Override
	public String toString() {
		return this.handler.signature();
	}

}
