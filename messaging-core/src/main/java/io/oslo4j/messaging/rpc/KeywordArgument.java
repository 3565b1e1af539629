package io.oslo4j.messaging.rpc;

import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Optional;

import io.oslo4j.messaging.endpoint.EndpointDefinitionException;
import io.oslo4j.messaging.endpoint.Names;
import io.oslo4j.messaging.endpoint.ParameterResolver;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An endpoint method parameter bound from a request argument read by name (its own, or its
 * snake_case form; {@link RpcParam} renames it) and deserialized by the server's serializer to the
 * parameter's full generic type. A missing argument is empty for {@code Optional}, null for a
 * {@code @Nullable} parameter, and Python's {@code TypeError} otherwise.
 */
final class KeywordArgument implements ParameterResolver.Argument<CallInput> {

	private final String name;

	private final @Nullable String snakeName;

	private final Type type;

	private final JavaType javaType;

	private final boolean optional;

	private final boolean nullable;

	private KeywordArgument(String name, Type type, JavaType javaType, boolean optional,
			boolean nullable) {
		this.name = name;
		String snake = Names.snakeCase(name);
		this.snakeName = snake.equals(name) ? null : snake;
		this.type = type;
		this.javaType = javaType;
		this.optional = optional;
		this.nullable = nullable;
	}

	/** The resolver of every parameter by name: the last of the RPC chain. */
	static ParameterResolver<CallInput> resolver(JsonMapper mapper) {
		return (parameter) -> of(parameter, mapper);
	}

	private static KeywordArgument of(MethodParameter methodParameter, JsonMapper mapper) {
		Parameter parameter = methodParameter.getParameter();
		RpcParam rename = parameter.getAnnotation(RpcParam.class);
		String name;
		if (rename != null) {
			name = rename.value();
		}
		else if (parameter.isNamePresent()) {
			name = parameter.getName();
		}
		else {
			throw new EndpointDefinitionException("Parameter " + parameter.getName() + " of endpoint method "
					+ methodParameter.getContainingClass().getSimpleName() + "." + methodParameter.getExecutable().getName()
					+ " has no name at run time: compile with -parameters (maven-compiler-plugin <parameters>true) "
					+ "or annotate it with @RpcParam(\"name\")");
		}
		Type type = parameter.getParameterizedType();
		return new KeywordArgument(name, type, mapper.constructType(type), parameter.getType() == Optional.class,
				isNullable(parameter));
	}

	private static boolean isNullable(Parameter parameter) {
		AnnotatedType type = parameter.getAnnotatedType();
		return type.isAnnotationPresent(Nullable.class) || parameter.isAnnotationPresent(Nullable.class);
	}

	/** Whether this parameter is bound from the argument of that name. */
	boolean accepts(String argument) {
		return argument.equals(this.name) || argument.equals(this.snakeName);
	}

	@Override
	public @Nullable Object value(CallInput input) {
		JsonNode value = input.args().get(this.name);
		if (value == null && this.snakeName != null) {
			value = input.args().get(this.snakeName);
		}
		if (value == null) {
			if (this.optional) {
				return Optional.empty();
			}
			if (this.nullable) {
				return null;
			}
			throw new ArgumentException(input.method() + "() missing 1 required positional argument: '" + this.name + "'");
		}
		try {
			return input.serializer().deserializeEntity(input.context(), value, this.type);
		}
		catch (JacksonException ex) {
			throw new ArgumentException(input.method() + "() argument '" + this.name + "' cannot be read as "
					+ this.javaType + ": " + ex.getOriginalMessage());
		}
	}

}
