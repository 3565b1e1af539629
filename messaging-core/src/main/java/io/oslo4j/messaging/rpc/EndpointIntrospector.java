package io.oslo4j.messaging.rpc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the callable methods of an endpoint, once, and refuses endpoints that cannot be served
 * with a message that names the method and the fix.
 */
final class EndpointIntrospector {

	private static final String RESERVED_NAME = "target";

	private EndpointIntrospector() {
	}

	/** The class the user wrote, behind a CGLIB proxy ({@code Foo$$SpringCGLIB$$0}) if there is one. */
	static Class<?> userClass(Class<?> type) {
		Class<?> current = type;
		while (current.getName().contains("$$") && current.getSuperclass() != null
				&& current.getSuperclass() != Object.class) {
			current = current.getSuperclass();
		}
		return current;
	}

	/**
	 * The endpoint's callable methods by every RPC name they answer to.
	 * @throws EndpointDefinitionException if a method cannot be served
	 */
	static Map<String, EndpointMethod> introspect(Object bean, AccessPolicy policy, JsonMapper mapper) {
		Class<?> type = userClass(bean.getClass());
		Map<String, EndpointMethod> methods = new LinkedHashMap<>();
		Method[] candidates = type.getMethods();
		Arrays.sort(candidates, (a, b) -> a.toGenericString().compareTo(b.toGenericString()));
		for (Method method : candidates) {
			if (!isCandidate(method)) {
				continue;
			}
			List<String> names = rpcNames(method);
			List<String> allowed = names.stream().filter((name) -> policy.isAllowed(method, name)).toList();
			if (allowed.isEmpty()) {
				continue;
			}
			EndpointMethod endpointMethod = describe(bean, type, method, allowed.get(0), mapper);
			for (String name : allowed) {
				EndpointMethod previous = methods.putIfAbsent(name, endpointMethod);
				if (previous != null && previous != endpointMethod) {
					throw new EndpointDefinitionException("Endpoint " + type.getSimpleName() + " has two methods under RPC name '"
							+ name + "': " + previous.method().toGenericString() + " and " + method.toGenericString()
							+ "; RPC arguments are named, so overloads cannot be told apart: rename one, or give it "
							+ "another name with @RpcMethod(\"...\")");
				}
			}
		}
		return methods;
	}

	private static boolean isCandidate(Method method) {
		int modifiers = method.getModifiers();
		if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || method.isSynthetic() || method.isBridge()) {
			return false;
		}
		try {
			Object.class.getMethod(method.getName(), method.getParameterTypes());
			return false;
		}
		catch (NoSuchMethodException ex) {
			return true;
		}
	}

	private static List<String> rpcNames(Method method) {
		RpcMethod annotation = method.getAnnotation(RpcMethod.class);
		if (annotation != null && !annotation.value().isEmpty()) {
			return List.of(annotation.value());
		}
		String snake = Names.snakeCase(method.getName());
		return snake.equals(method.getName()) ? List.of(method.getName()) : List.of(method.getName(), snake);
	}

	private static EndpointMethod describe(Object bean, Class<?> type, Method method, String rpcName, JsonMapper mapper) {
		String description = type.getSimpleName() + "." + method.getName();
		if (rpcName.equals(RESERVED_NAME)) {
			throw new EndpointDefinitionException("Endpoint method " + description + " is named 'target', which oslo "
					+ "reserves for an endpoint's Target; rename the method or give it another RPC name with @RpcMethod");
		}
		if (!method.trySetAccessible()) {
			throw new EndpointDefinitionException("Endpoint method " + description + " cannot be called reflectively: make "
					+ type.getName() + " public, or open its package to io.oslo4j.messaging.core");
		}
		List<ParameterBinding> parameters = new ArrayList<>();
		for (Parameter parameter : method.getParameters()) {
			parameters.add(ParameterBinding.of(parameter, description, mapper));
		}
		ExpectedExceptions expected = method.getAnnotation(ExpectedExceptions.class);
		return new EndpointMethod(bean, method, rpcName, parameters, returnKind(method, description),
				(expected != null) ? Arrays.asList(expected.value()) : List.of(),
				method.isAnnotationPresent(AcceptsAnyArguments.class));
	}

	private static EndpointMethod.ReturnKind returnKind(Method method, String description) {
		Class<?> returnType = method.getReturnType();
		if (returnType == void.class || returnType == Void.class) {
			return EndpointMethod.ReturnKind.VOID;
		}
		if (Mono.class.isAssignableFrom(returnType)) {
			return EndpointMethod.ReturnKind.MONO;
		}
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			return EndpointMethod.ReturnKind.COMPLETION_STAGE;
		}
		if (Publisher.class.isAssignableFrom(returnType)) {
			throw new EndpointDefinitionException("Endpoint method " + description + " returns "
					+ returnType.getSimpleName() + ", which an RPC reply cannot carry (one reply per call); return "
					+ "Mono<List<T>> instead (Flux#collectList)");
		}
		return EndpointMethod.ReturnKind.VALUE;
	}

}
