package io.oslo4j.messaging.rpc;

import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.List;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.endpoint.HandlerMethod;
import io.oslo4j.messaging.executor.Invocation;
import io.oslo4j.messaging.serializer.Serializer;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An endpoint's {@link HandlerMethod} as RPC serves it: under which RPC name, which exceptions it
 * declares as part of its contract, and whether it refuses arguments it has no parameter for. It
 * turns a request's context and arguments into an {@link Invocation} whose outcome is the JSON
 * result.
 */
final class RpcHandlerMethod {

	private final HandlerMethod<CallInput> handler;

	private final String rpcName;

	private final List<Class<? extends Throwable>> expectedExceptions;

	private final boolean acceptsAnyArguments;

	/** The parameters bound by keyword, looked up for each argument of each call. */
	private final KeywordArgument[] keywords;

	RpcHandlerMethod(HandlerMethod<CallInput> handler, String rpcName, List<Class<? extends Throwable>> expectedExceptions,
			boolean acceptsAnyArguments) {
		this.handler = handler;
		this.rpcName = rpcName;
		this.expectedExceptions = List.copyOf(expectedExceptions);
		this.acceptsAnyArguments = acceptsAnyArguments;
		this.keywords = handler.arguments().stream()
			.filter(KeywordArgument.class::isInstance)
			.map(KeywordArgument.class::cast)
			.toArray(KeywordArgument[]::new);
	}

	Method method() {
		return this.handler.method();
	}

	String rpcName() {
		return this.rpcName;
	}

	boolean asynchronous() {
		return this.handler.returnType().isAsynchronous();
	}

	/** Blocking calls the executor caught it making on a greenio thread. */
	long blockingCalls() {
		return this.handler.blockingCalls();
	}

	/** Whether the method declares {@code failure} as part of its contract. */
	boolean expects(Throwable failure) {
		return this.expectedExceptions.stream().anyMatch((type) -> type.isInstance(failure));
	}

	/** The method bound to one request; binding and calling happen when the invocation runs. */
	Invocation<JsonNode> invocation(RequestContext context, ObjectNode args, Serializer serializer) {
		CallInput input = new CallInput(this.rpcName, context, args, serializer);
		return this.handler.invocation(Mono.defer(() -> {
			refuseUnexpected(args);
			return this.handler.invoke(input);
		}).<JsonNode>map((value) -> serializer.serializeEntity(context, value)).defaultIfEmpty(NullNode.getInstance()));
	}

	/** Python checks unexpected keyword arguments before missing ones, and so does this. */
	private void refuseUnexpected(ObjectNode args) {
		if (this.acceptsAnyArguments) {
			return;
		}
		for (Iterator<String> names = args.propertyNames().iterator(); names.hasNext();) {
			String name = names.next();
			if (!accepted(name)) {
				throw new ArgumentException(this.rpcName + "() got an unexpected keyword argument '" + name + "'");
			}
		}
	}

	private boolean accepted(String name) {
		for (KeywordArgument keyword : this.keywords) {
			if (keyword.accepts(name)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return this.handler.toString();
	}

}
