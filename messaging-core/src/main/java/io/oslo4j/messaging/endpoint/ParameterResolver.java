package io.oslo4j.messaging.endpoint;

import java.lang.annotation.Annotation;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;

/**
 * One link of the ordered chain that gives an endpoint method's parameters their values. For each
 * parameter, once, when the endpoint is introspected, the resolvers of a
 * {@link HandlerMethodFactory} are asked in order; the first that knows the parameter returns the
 * {@link Argument} that makes its value for every call, the others return null.
 *
 * <p>What a call's input is depends on who calls: an RPC request's context and keyword arguments,
 * one notification, or a batch of them.
 *
 * @param <I> the input of one call
 * @since 0.2
 */
@FunctionalInterface
public interface ParameterResolver<I> {

	/**
	 * How the parameter gets its value, or null when this resolver does not know it.
	 * @throws EndpointDefinitionException when the parameter is this resolver's but cannot be
	 * served as written, naming the fix
	 */
	@Nullable Argument<I> resolve(MethodParameter parameter);

	/** A resolver for the parameters of exactly {@code type}. */
	static <I> ParameterResolver<I> ofType(Class<?> type, Argument<I> argument) {
		return (parameter) -> (parameter.getParameterType() == type) ? argument : null;
	}

	/** A resolver for the parameters annotated with {@code annotation}. */
	static <I> ParameterResolver<I> annotated(Class<? extends Annotation> annotation, ParameterResolver<I> resolver) {
		return (parameter) -> parameter.hasParameterAnnotation(annotation) ? resolver.resolve(parameter) : null;
	}

	/**
	 * A resolver for the parameters whose name answers to {@code wireName} (see
	 * {@link Names#matches}), which {@code resolver} then resolves; names need the
	 * {@code -parameters} compiler flag.
	 */
	static <I> ParameterResolver<I> named(String wireName, ParameterResolver<I> resolver) {
		return (parameter) -> (parameter.getParameter().isNamePresent()
				&& Names.matches(parameter.getParameter().getName(), wireName)) ? resolver.resolve(parameter) : null;
	}

	/**
	 * The value of one parameter for one call.
	 *
	 * @param <I> the input of one call
	 */
	@FunctionalInterface
	interface Argument<I> {

		/**
		 * The parameter's value for this call; an exception fails the call as if the method had
		 * thrown it.
		 */
		@Nullable Object value(I input);

	}

}
