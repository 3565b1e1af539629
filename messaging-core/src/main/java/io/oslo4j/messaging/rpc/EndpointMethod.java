package io.oslo4j.messaging.rpc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.executor.Invocation;
import io.oslo4j.messaging.serializer.Serializer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One callable endpoint method, introspected once: how its parameters are bound and what its
 * return type means. It turns a request's context and arguments into an {@link Invocation} whose
 * outcome is the JSON result.
 */
final class EndpointMethod {

	/** What the method's return type means for the reply. */
	enum ReturnKind {

		/** A value, sent as the result. */
		VALUE,

		/** Nothing: the result is null. */
		VOID,

		/** A {@code Mono}: the result is its value, null when empty. */
		MONO,

		/** A {@code CompletionStage}: the result is its value. */
		COMPLETION_STAGE;

		boolean asynchronous() {
			return this == MONO || this == COMPLETION_STAGE;
		}

	}

	private final Object bean;

	private final Method method;

	private final String rpcName;

	private final List<ParameterBinding> parameters;

	private final ReturnKind returnKind;

	private final List<Class<? extends Throwable>> expectedExceptions;

	private final boolean acceptsAnyArguments;

	private final LongAdder blockingCalls = new LongAdder();

	EndpointMethod(Object bean, Method method, String rpcName, List<ParameterBinding> parameters,
			ReturnKind returnKind, List<Class<? extends Throwable>> expectedExceptions, boolean acceptsAnyArguments) {
		this.bean = bean;
		this.method = method;
		this.rpcName = rpcName;
		this.parameters = List.copyOf(parameters);
		this.returnKind = returnKind;
		this.expectedExceptions = List.copyOf(expectedExceptions);
		this.acceptsAnyArguments = acceptsAnyArguments;
	}

	Method method() {
		return this.method;
	}

	String rpcName() {
		return this.rpcName;
	}

	boolean asynchronous() {
		return this.returnKind.asynchronous();
	}

	/** Blocking calls the executor caught it making on a greenio thread. */
	long blockingCalls() {
		return this.blockingCalls.sum();
	}

	/** Whether the method declares {@code failure} as part of its contract. */
	boolean expects(Throwable failure) {
		return this.expectedExceptions.stream().anyMatch((type) -> type.isInstance(failure));
	}

	/** The method bound to one request; binding and calling happen when the invocation runs. */
	Invocation<JsonNode> invocation(RequestContext context, ObjectNode args, Serializer serializer) {
		return new Invocation<>() {

			@Override
			public boolean asynchronous() {
				return EndpointMethod.this.asynchronous();
			}

			@Override
			public Mono<JsonNode> invoke() {
				return Mono.defer(() -> call(context, args, serializer));
			}

			@Override
			public String description() {
				return EndpointMethod.this.toString();
			}

			@Override
			public void blockingCallCaught() {
				EndpointMethod.this.blockingCalls.increment();
			}

		};
	}

	private Mono<JsonNode> call(RequestContext context, ObjectNode args, Serializer serializer) {
		Object returned;
		try {
			returned = this.method.invoke(this.bean, bindArguments(context, args, serializer));
		}
		catch (InvocationTargetException ex) {
			return Mono.error(ex.getCause());
		}
		catch (IllegalAccessException ex) {
			return Mono.error(ex);
		}
		catch (ArgumentException ex) {
			return Mono.error(ex);
		}
		Mono<?> result = switch (this.returnKind) {
			case VALUE -> Mono.justOrEmpty(returned);
			case VOID -> Mono.empty();
			case MONO -> (returned != null) ? (Mono<?>) returned : Mono.empty();
			case COMPLETION_STAGE -> (returned != null) ? Mono.fromCompletionStage((CompletionStage<?>) returned)
					: Mono.empty();
		};
		return result.<JsonNode>map((value) -> serializer.serializeEntity(context, value))
			.defaultIfEmpty(NullNode.getInstance());
	}

	private @Nullable Object[] bindArguments(RequestContext context, ObjectNode args, Serializer serializer) {
		for (Iterator<String> names = args.propertyNames().iterator(); !this.acceptsAnyArguments && names.hasNext();) {
			String name = names.next();
			if (this.parameters.stream().noneMatch((parameter) -> parameter.accepts(name))) {
				throw new ArgumentException(this.rpcName + "() got an unexpected keyword argument '" + name + "'");
			}
		}
		@Nullable Object[] values = new Object[this.parameters.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = this.parameters.get(i).bind(context, args, this.rpcName, serializer);
		}
		return values;
	}

	@Override
	public String toString() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName();
	}

}
