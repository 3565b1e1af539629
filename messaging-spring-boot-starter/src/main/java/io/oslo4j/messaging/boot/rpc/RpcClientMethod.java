package io.oslo4j.messaging.boot.rpc;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.endpoint.ReturnType;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcMethod;
import io.oslo4j.messaging.rpc.RpcParam;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One method of a client interface, read once when the proxy is made: the RPC name, which parameter
 * is the context and which are arguments under which names, and what the return type asks for
 * ({@link ReturnType}, as endpoints read theirs): {@code void} casts, returning once the broker has
 * the message; a value calls and waits; {@code Mono<T>} calls on subscription;
 * {@code CompletionStage<T>} or {@code CompletableFuture<T>} calls at once.
 */
final class RpcClientMethod {

	private final Method method;

	private final String rpcName;

	private final ReturnType returnType;

	private final int contextIndex;

	private final List<@Nullable String> argumentNames;

	private final @Nullable JavaType resultType;

	private RpcClientMethod(Method method, String rpcName, ReturnType returnType, int contextIndex,
			List<@Nullable String> argumentNames, @Nullable JavaType resultType) {
		this.method = method;
		this.rpcName = rpcName;
		this.returnType = returnType;
		this.contextIndex = contextIndex;
		this.argumentNames = argumentNames;
		this.resultType = resultType;
	}

	/**
	 * Reads a method of a client interface.
	 * @throws IllegalStateException naming the method and the fix, if it cannot be called
	 */
	static RpcClientMethod of(Class<?> clientType, Method method, JsonMapper mapper) {
		String description = clientType.getSimpleName() + "." + method.getName();
		RpcMethod rename = method.getAnnotation(RpcMethod.class);
		String rpcName = (rename != null && !rename.value().isEmpty()) ? rename.value() : method.getName();
		int contextIndex = -1;
		List<@Nullable String> names = new ArrayList<>();
		Parameter[] parameters = method.getParameters();
		for (int i = 0; i < parameters.length; i++) {
			Parameter parameter = parameters[i];
			if (parameter.getType() == RequestContext.class) {
				if (contextIndex >= 0) {
					throw new IllegalStateException("Client method " + description + " has two RequestContext parameters; "
							+ "a call has one context");
				}
				contextIndex = i;
				names.add(null);
				continue;
			}
			RpcParam param = parameter.getAnnotation(RpcParam.class);
			if (param != null) {
				names.add(param.value());
			}
			else if (parameter.isNamePresent()) {
				names.add(parameter.getName());
			}
			else {
				throw new IllegalStateException("Parameter " + parameter.getName() + " of client method " + description
						+ " has no name at run time: compile with -parameters (maven-compiler-plugin <parameters>true) "
						+ "or annotate it with @RpcParam(\"name\")");
			}
		}
		ReturnType returnType = ReturnType.of(method, clientType);
		refuseUnsupported(returnType, description);
		Class<?> resultClass = returnType.valueClass();
		JavaType javaType = (returnType.kind() == ReturnType.Kind.VOID || resultClass == Void.class) ? null
				: mapper.constructType(returnType.valueType());
		return new RpcClientMethod(method, rpcName, returnType, contextIndex, names, javaType);
	}

	/** A client can make neither a stream nor a {@code CompletionStage} other than a {@code CompletableFuture}. */
	private static void refuseUnsupported(ReturnType returnType, String description) {
		String returned = returnType.declaredType().getSimpleName();
		if (returnType.kind() == ReturnType.Kind.STREAM) {
			throw new IllegalStateException("Client method " + description + " returns " + returned + ", which an RPC "
					+ "reply cannot carry (one reply per call); return Mono<List<T>> instead");
		}
		if (returnType.kind() == ReturnType.Kind.COMPLETION_STAGE
				&& !returnType.declaredType().isAssignableFrom(CompletableFuture.class)) {
			throw new IllegalStateException("Client method " + description + " returns " + returned + ", which the "
					+ "client cannot make; return CompletionStage<T> or CompletableFuture<T>");
		}
	}

	String rpcName() {
		return this.rpcName;
	}

	/** Calls or casts through {@code client} with the proxy method's arguments. */
	@Nullable Object invoke(RpcClient client, @Nullable Object @Nullable [] args) {
		RequestContext context = RequestContext.empty();
		Map<String, @Nullable Object> arguments = new LinkedHashMap<>();
		for (int i = 0; i < this.argumentNames.size(); i++) {
			Object value = (args != null) ? args[i] : null;
			if (i == this.contextIndex) {
				if (value != null) {
					context = (RequestContext) value;
				}
			}
			else {
				arguments.put(this.argumentNames.get(i), value);
			}
		}
		return switch (this.returnType.kind()) {
			case VOID -> {
				client.cast(context, this.rpcName, arguments);
				yield null;
			}
			case VALUE -> convert(client, context, client.call(context, this.rpcName, arguments));
			case MONO -> result(client, context, arguments);
			case COMPLETION_STAGE -> result(client, context, arguments).toFuture();
			case STREAM -> throw new IllegalStateException("Unexpected stream method " + this);
		};
	}

	private Mono<Object> result(RpcClient client, RequestContext context, Map<String, @Nullable Object> arguments) {
		return client.callAsync(context, this.rpcName, arguments).handle((node, sink) -> {
			Object value = convert(client, context, node);
			if (value != null) {
				sink.next(value);
			}
		});
	}

	/** The result through the client's serializer, as oslo's client deserializes it. */
	private @Nullable Object convert(RpcClient client, RequestContext context, JsonNode node) {
		if (this.resultType == null) {
			return null;
		}
		if (node.isNull() || node.isMissingNode()) {
			if (this.returnType.kind() == ReturnType.Kind.VALUE && this.method.getReturnType().isPrimitive()) {
				throw new IllegalStateException("RPC method '" + this.rpcName + "' returned null, which "
						+ this.method.getReturnType() + " (the return type of " + this.method.getDeclaringClass().getSimpleName()
						+ "." + this.method.getName() + ") cannot hold; use " + boxed(this.method.getReturnType()));
			}
			return null;
		}
		return client.serializer().deserializeEntity(context, node, this.resultType);
	}

	private static String boxed(Class<?> primitive) {
		return ClassUtils.resolvePrimitiveIfNecessary(primitive).getSimpleName();
	}

	@Override
	public String toString() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName() + " -> " + this.rpcName;
	}

}
