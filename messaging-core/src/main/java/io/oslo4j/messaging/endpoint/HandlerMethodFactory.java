package io.oslo4j.messaging.endpoint;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.ReflectionUtils.MethodFilter;

/**
 * The one introspection of endpoints, RPC and notification alike: the class the user wrote behind
 * any Spring proxy, the methods it declares, and, for a method its caller chose, a
 * {@link HandlerMethod} whose parameters an ordered chain of {@link ParameterResolver}s binds.
 * Everything is decided here, once, when a server or listener is built; a method that cannot be
 * served fails with an {@link EndpointDefinitionException} naming the method and the fix.
 *
 * @param <I> the input of one call
 * @since 0.2
 */
public final class HandlerMethodFactory<I> {

	private static final MethodFilter USER_METHODS = ReflectionUtils.USER_DECLARED_METHODS
		.and((method) -> !ReflectionUtils.isObjectMethod(method));

	private final String role;

	private final List<ParameterResolver<I>> resolvers;

	private final Function<MethodParameter, String> unresolvedFix;

	/**
	 * @param role how messages name such a method, as {@code notification endpoint method}
	 * @param resolvers the chain, in the order its resolvers are asked
	 * @param unresolvedFix how to fix a parameter that no resolver knows
	 */
	public HandlerMethodFactory(String role, List<ParameterResolver<I>> resolvers,
			Function<MethodParameter, String> unresolvedFix) {
		this.role = role;
		this.resolvers = List.copyOf(resolvers);
		this.unresolvedFix = unresolvedFix;
	}

	/** The class the user wrote, behind a Spring AOP proxy or a CGLIB subclass if there is one. */
	public static Class<?> userClass(Object bean) {
		return ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
	}

	/**
	 * The methods the class and its superclasses declare, and its interfaces' default methods, of
	 * any visibility, static or not; never {@code Object}'s (nor overrides of {@code equals},
	 * {@code hashCode}, {@code toString}), synthetic or bridge methods. Sorted by name and
	 * signature, so that the same endpoint is served, and fails, the same way every time.
	 */
	public static List<Method> methods(Class<?> userClass) {
		Method[] methods = ReflectionUtils.getUniqueDeclaredMethods(userClass, USER_METHODS);
		Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
		return List.of(methods);
	}

	/** {@code ComputeEndpoint.resize(RequestContext, String)}, for messages. */
	public static String signature(Class<?> userClass, Method method) {
		return userClass.getSimpleName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

	/**
	 * The handler of one method of {@code bean}, as {@link #methods} found it on the bean's user
	 * class.
	 * @throws EndpointDefinitionException if the method cannot be called, or a parameter bound
	 */
	public HandlerMethod<I> create(Object bean, Method method) {
		Class<?> userClass = userClass(bean);
		String signature = signature(userClass, method);
		Method invocable = invocable(bean, method, signature);
		if (!invocable.trySetAccessible()) {
			throw new EndpointDefinitionException(capitalized(this.role) + " " + signature + " cannot be called "
					+ "reflectively: make " + userClass.getName() + " public, or open its package to io.oslo4j.messaging.core");
		}
		List<ParameterResolver.Argument<I>> arguments = new ArrayList<>(method.getParameterCount());
		for (int i = 0; i < method.getParameterCount(); i++) {
			arguments.add(resolve(new MethodParameter(method, i).withContainingClass(userClass), signature));
		}
		return new HandlerMethod<>(bean, method, invocable, userClass, ReturnType.of(method, userClass), arguments);
	}

	private ParameterResolver.Argument<I> resolve(MethodParameter parameter, String signature) {
		for (ParameterResolver<I> resolver : this.resolvers) {
			ParameterResolver.Argument<I> argument = resolver.resolve(parameter);
			if (argument != null) {
				return argument;
			}
		}
		throw new EndpointDefinitionException("Parameter '" + parameter.getParameter().getName() + "' ("
				+ parameter.getGenericParameterType().getTypeName() + ") of " + this.role + " " + signature
				+ " cannot be bound: " + this.unresolvedFix.apply(parameter));
	}

	/** The method to call on the bean: on a JDK proxy, the interface's method that the proxy implements. */
	private Method invocable(Object bean, Method method, String signature) {
		try {
			return AopUtils.selectInvocableMethod(method, bean.getClass());
		}
		catch (IllegalStateException ex) {
			throw new EndpointDefinitionException(capitalized(this.role) + " " + signature + " cannot be called "
					+ "through the proxy of the bean: declare it on an interface the bean implements, or proxy the "
					+ "class (proxyTargetClass = true)");
		}
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
