package io.oslo4j.messaging.rpc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.endpoint.EndpointDefinitionException;
import io.oslo4j.messaging.endpoint.HandlerMethod;
import io.oslo4j.messaging.endpoint.HandlerMethodFactory;
import io.oslo4j.messaging.endpoint.Names;
import io.oslo4j.messaging.endpoint.ParameterResolver;
import io.oslo4j.messaging.endpoint.ReturnType;

import tools.jackson.databind.json.JsonMapper;

/**
 * The RPC methods of one endpoint, by every name they answer to: its public instance methods that
 * the access policy allows, under their {@link RpcMethod} name, or their Java name and its
 * snake_case form. Their parameters are the request context, by type, and the request's
 * arguments, by name. Built once, when the server is built.
 */
final class RpcMethodTable {

	private final HandlerMethodFactory<CallInput> factory;

	private final AccessPolicy policy;

	RpcMethodTable(AccessPolicy policy, JsonMapper mapper) {
		this.policy = policy;
		this.factory = new HandlerMethodFactory<>("endpoint method",
				List.of(ParameterResolver.ofType(RequestContext.class, CallInput::context), KeywordArgument.resolver(mapper)),
				(parameter) -> "RPC binds every parameter by name");
	}

	/**
	 * The endpoint's callable methods by every RPC name they answer to.
	 * @throws EndpointDefinitionException if a method cannot be served
	 */
	Map<String, EndpointMethod> methodsOf(Object bean) {
		Class<?> type = HandlerMethodFactory.userClass(bean);
		Map<String, EndpointMethod> methods = new LinkedHashMap<>();
		for (Method method : HandlerMethodFactory.methods(type)) {
			int modifiers = method.getModifiers();
			if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers)) {
				continue;
			}
			List<String> allowed = rpcNames(method).stream().filter((name) -> this.policy.isAllowed(method, name)).toList();
			if (allowed.isEmpty()) {
				continue;
			}
			EndpointMethod endpointMethod = describe(bean, method, allowed.get(0));
			for (String name : allowed) {
				EndpointMethod previous = methods.putIfAbsent(name, endpointMethod);
				if (previous != null) {
					throw new EndpointDefinitionException("Endpoint " + type.getSimpleName() + " has two methods under RPC name '"
							+ name + "': " + previous.method().toGenericString() + " and " + method.toGenericString()
							+ "; RPC arguments are named, so overloads cannot be told apart: rename one, or give it "
							+ "another name with @RpcMethod(\"...\")");
				}
			}
		}
		return methods;
	}

	private static List<String> rpcNames(Method method) {
		RpcMethod annotation = method.getAnnotation(RpcMethod.class);
		if (annotation != null && !annotation.value().isEmpty()) {
			return List.of(annotation.value());
		}
		String snake = Names.snakeCase(method.getName());
		return snake.equals(method.getName()) ? List.of(method.getName()) : List.of(method.getName(), snake);
	}

	private EndpointMethod describe(Object bean, Method method, String rpcName) {
		if (rpcName.equals(Names.TARGET)) {
			throw new EndpointDefinitionException("Endpoint method " + HandlerMethodFactory.signature(
					HandlerMethodFactory.userClass(bean), method) + " is named 'target', which oslo reserves for an "
					+ "endpoint's Target; rename the method or give it another RPC name with @RpcMethod");
		}
		HandlerMethod<CallInput> handler = this.factory.create(bean, method);
		if (handler.returnType().kind() == ReturnType.Kind.STREAM) {
			throw new EndpointDefinitionException("Endpoint method " + handler.signature() + " returns "
					+ handler.returnType().declaredType().getSimpleName() + ", which an RPC reply cannot carry (one reply "
					+ "per call); return Mono<List<T>> instead (Flux#collectList)");
		}
		ExpectedExceptions expected = method.getAnnotation(ExpectedExceptions.class);
		return new EndpointMethod(handler, rpcName, (expected != null) ? Arrays.asList(expected.value()) : List.of(),
				method.isAnnotationPresent(AcceptsAnyArguments.class));
	}

}
