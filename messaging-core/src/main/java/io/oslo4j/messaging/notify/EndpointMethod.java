package io.oslo4j.messaging.notify;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.oslo4j.messaging.executor.Invocation;
import io.oslo4j.messaging.executor.MessagingExecutor;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One endpoint method, classified once: the priorities it handles, how its arguments are made
 * from a notification (or a batch of them), how its return value becomes a
 * {@link NotificationResult}, and the endpoint's filter.
 *
 * @param <I> what the method is called for: one notification, or a batch
 */
final class EndpointMethod<I> {

	/** How a method reports its outcome, decided by its declared return type. */
	enum Outcome {
		/** {@code void} or {@code NotificationResult}: the value is known when the method returns. */
		VALUE,
		/** {@code Mono<NotificationResult>} or {@code Mono<Void>}. */
		MONO,
		/** {@code CompletionStage<NotificationResult>} or {@code CompletionStage<Void>}. */
		STAGE
	}

	private static final Logger logger = LoggerFactory.getLogger(EndpointMethod.class);

	private final Object endpoint;

	private final Method method;

	private final String description;

	private final Set<Priority> priorities;

	private final NotificationFilter filter;

	private final Function<I, @Nullable Object[]> arguments;

	private final Outcome outcome;

	private final LongAdder blockingCalls = new LongAdder();

	EndpointMethod(Object endpoint, Method method, String description, Set<Priority> priorities,
			NotificationFilter filter, Function<I, @Nullable Object[]> arguments, Outcome outcome) {
		this.endpoint = endpoint;
		this.method = method;
		this.description = description;
		this.priorities = Set.copyOf(priorities);
		this.filter = filter;
		this.arguments = arguments;
		this.outcome = outcome;
	}

	/** {@code ComputeEvents.info(RequestContext, InstancePayload)}, for messages. */
	String description() {
		return this.description;
	}

	Method method() {
		return this.method;
	}

	/** Whether it returns {@code Mono} or {@code CompletionStage}. */
	boolean reactive() {
		return this.outcome != Outcome.VALUE;
	}

	/** Blocking calls the executor caught it making on a greenio thread. */
	long blockingCalls() {
		return this.blockingCalls.sum();
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
			logger.error("Notification endpoint {} failed; the notification counts as REQUEUE", this.description, ex);
			return Mono.just(NotificationResult.REQUEUE);
		});
	}

	/**
	 * One call of the method, for an executor. Arguments are made (the payload converted) when
	 * the invocation runs, on the executor's thread, so a payload that does not convert fails the
	 * invocation like an exception of the method.
	 */
	Invocation<NotificationResult> invocation(I input) {
		boolean asynchronous = reactive();
		return new Invocation<>() {

			@Override
			public boolean asynchronous() {
				return asynchronous;
			}

			@Override
			public Mono<NotificationResult> invoke() {
				return Mono.defer(() -> call(input));
			}

			@Override
			public String description() {
				return EndpointMethod.this.description;
			}

			@Override
			public void blockingCallCaught() {
				EndpointMethod.this.blockingCalls.increment();
			}

		};
	}

	private Mono<NotificationResult> call(I input) {
		Object result;
		try {
			result = this.method.invoke(this.endpoint, this.arguments.apply(input));
		}
		catch (InvocationTargetException ex) {
			return Mono.error(ex.getCause());
		}
		catch (IllegalAccessException ex) {
			return Mono.error(new IllegalStateException("Cannot call " + this.description, ex));
		}
		if (result == null) {
			return Mono.empty();
		}
		return switch (this.outcome) {
			case VALUE -> Mono.just((NotificationResult) result);
			case MONO -> ((Mono<?>) result).ofType(NotificationResult.class);
			case STAGE -> Mono.fromCompletionStage((CompletionStage<?>) result).ofType(NotificationResult.class);
		};
	}

	@Override
	public String toString() {
		return this.description;
	}

}
