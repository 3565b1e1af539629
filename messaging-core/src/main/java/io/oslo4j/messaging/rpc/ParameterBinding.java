package io.oslo4j.messaging.rpc;

import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Optional;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.serializer.Serializer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How one endpoint method parameter gets its value: the request context, or a request argument
 * read by name (its own, or its snake_case form) and deserialized by the server's {@link Serializer}
 * to the parameter's full generic type. Decided once, at introspection.
 */
final class ParameterBinding {

	private final @Nullable String name;

	private final @Nullable String snakeName;

	private final @Nullable Type type;

	private final @Nullable JavaType javaType;

	private final boolean optional;

	private final boolean nullable;

	private ParameterBinding(@Nullable String name, @Nullable Type type, @Nullable JavaType javaType, boolean optional,
			boolean nullable) {
		this.name = name;
		String snake = (name != null) ? Names.snakeCase(name) : null;
		this.snakeName = (snake != null && !snake.equals(name)) ? snake : null;
		this.type = type;
		this.javaType = javaType;
		this.optional = optional;
		this.nullable = nullable;
	}

	static ParameterBinding of(Parameter parameter, String methodDescription, JsonMapper mapper) {
		if (parameter.getType() == RequestContext.class) {
			return new ParameterBinding(null, null, null, false, true);
		}
		RpcParam rename = parameter.getAnnotation(RpcParam.class);
		String name;
		if (rename != null) {
			name = rename.value();
		}
		else if (parameter.isNamePresent()) {
			name = parameter.getName();
		}
		else {
			throw new EndpointDefinitionException("Parameter " + parameter.getName() + " of " + methodDescription
					+ " has no name at run time: compile with -parameters (maven-compiler-plugin <parameters>true) "
					+ "or annotate it with @RpcParam(\"name\")");
		}
		Type type = parameter.getParameterizedType();
		return new ParameterBinding(name, type, mapper.constructType(type), parameter.getType() == Optional.class,
				isNullable(parameter));
	}

	private static boolean isNullable(Parameter parameter) {
		AnnotatedType type = parameter.getAnnotatedType();
		return type.isAnnotationPresent(Nullable.class) || parameter.isAnnotationPresent(Nullable.class);
	}

	/** The argument name this parameter is bound from, or null for the request context. */
	@Nullable String name() {
		return this.name;
	}

	boolean accepts(String argument) {
		return argument.equals(this.name) || argument.equals(this.snakeName);
	}

	@Nullable Object bind(RequestContext context, ObjectNode args, String method, Serializer serializer) {
		if (this.name == null || this.type == null) {
			return context;
		}
		JsonNode value = args.get(this.name);
		if (value == null && this.snakeName != null) {
			value = args.get(this.snakeName);
		}
		if (value == null) {
			if (this.optional) {
				return Optional.empty();
			}
			if (this.nullable) {
				return null;
			}
			throw new ArgumentException(method + "() missing 1 required positional argument: '" + this.name + "'");
		}
		try {
			return serializer.deserializeEntity(context, value, this.type);
		}
		catch (JacksonException ex) {
			throw new ArgumentException(method + "() argument '" + this.name + "' cannot be read as " + this.javaType
					+ ": " + ex.getOriginalMessage());
		}
	}

}
