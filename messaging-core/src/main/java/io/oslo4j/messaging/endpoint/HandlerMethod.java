package io.oslo4j.messaging.endpoint;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.oslo4j.messaging.executor.Invocation;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One endpoint method, introspected once by a {@link HandlerMethodFactory}: the bean it is called
 * on, what its return type means, and how each of its parameters gets its value from a call's
 * input. Calling it resolves the arguments, invokes the method and adapts what it returns to a
 * {@code Mono}, whatever the kind of the return type.
 *
 * @param <I> the input of one call: an RPC request's arguments, a notification, a batch
 * @since 0.2
 */
public final class HandlerMethod<I> {

	private final Object bean;

	private final Method method;

	private final Method invocable;

	private final Class<?> userClass;

	private final ReturnType returnType;

	private final List<ParameterResolver.Argument<I>> arguments;

	private final LongAdder blockingCalls = new LongAdder();

	HandlerMethod(Object bean, Method method, Method invocable, Class<?> userClass, ReturnType returnType,
			List<ParameterResolver.Argument<I>> arguments) {
		this.bean = bean;
		this.method = method;
		this.invocable = invocable;
		this.userClass = userClass;
		this.returnType = returnType;
		this.arguments = List.copyOf(arguments);
	}

	/** The object the method is called on: the bean as given, a proxy if it is one. */
	public Object bean() {
		return this.bean;
	}

	/** The method, as the user's class declares it. */
	public Method method() {
		return this.method;
	}

	/** The method's Java name. */
	public String name() {
		return this.method.getName();
	}

	public ReturnType returnType() {
		return this.returnType;
	}

	/** How each parameter gets its value, in parameter order. */
	public List<ParameterResolver.Argument<I>> arguments() {
		return this.arguments;
	}

	/** {@code ComputeEndpoint.resize(RequestContext, String)}: the class the user wrote, the method, its parameters. */
	public String signature() {
		return HandlerMethodFactory.signature(this.userClass, this.method);
	}

	/** Blocking calls an executor caught the method making on a thread that must not block. */
	public long blockingCalls() {
		return this.blockingCalls.sum();
	}

	/**
	 * Calls the method for one input, on subscription and on the subscribing thread: what it
	 * returned (the value of its {@code Mono} or {@code CompletionStage}), empty for null or
	 * nothing; its exception, or that of an argument that cannot be made, as the error.
	 */
	public Mono<Object> invoke(I input) {
		return Mono.defer(() -> {
			@Nullable Object[] values = new Object[this.arguments.size()];
			for (int i = 0; i < values.length; i++) {
				values[i] = this.arguments.get(i).value(input);
			}
			try {
				return this.returnType.toMono(this.invocable.invoke(this.bean, values));
			}
			catch (InvocationTargetException ex) {
				return Mono.error(ex.getCause());
			}
			catch (IllegalAccessException ex) {
				return Mono.error(new IllegalStateException("Cannot call " + this, ex));
			}
		});
	}

	/**
	 * An invocation of this method for an executor, whose outcome is {@code outcome}: a call of
	 * {@link #invoke} and what the caller makes of its result, which must call the method only when
	 * subscribed.
	 */
	public <T> Invocation<T> invocation(Mono<T> outcome) {
		return new Invocation<>() {

			@Override
			public boolean asynchronous() {
				return HandlerMethod.this.returnType.isAsynchronous();
			}

			@Override
			public Mono<T> invoke() {
				return outcome;
			}

			@Override
			public String description() {
				return HandlerMethod.this.toString();
			}

			@Override
			public void blockingCallCaught() {
				HandlerMethod.this.blockingCalls.increment();
			}

		};
	}

	/** {@code ComputeEndpoint.resize}, as diagnostics name the method. */
	@Override
	public String toString() {
		return this.userClass.getSimpleName() + "." + this.method.getName();
	}

}
