package io.oslo4j.messaging.notify;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.function.Function;

import io.oslo4j.messaging.MessagingException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Converts a received payload to the type an endpoint method declares, with the transport's
 * Jackson mapper: what oslo's serializer's {@code deserialize_entity} does, typed. {@code Object}
 * gives maps, lists, strings and numbers, as a Python endpoint sees them; {@code JsonNode} gives
 * the payload as received.
 */
final class PayloadConverter {

	private final JsonMapper mapper;

	PayloadConverter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * A conversion to {@code type}, prepared once; a missing payload is JSON null. The conversion
	 * throws {@link MessagingException} when the payload does not fit the type.
	 */
	Function<@Nullable JsonNode, @Nullable Object> to(Type type) {
		if (type == JsonNode.class) {
			return (payload) -> (payload != null) ? payload : NullNode.getInstance();
		}
		JavaType target = this.mapper.getTypeFactory().constructType(type);
		return (payload) -> {
			try {
				return this.mapper.treeToValue((payload != null) ? payload : NullNode.getInstance(), target);
			}
			catch (JacksonException ex) {
				throw new MessagingException("The payload cannot be converted to " + target.toCanonical() + ": "
						+ ex.getOriginalMessage(), ex);
			}
		};
	}

	/** The {@code P} of a {@code Notification<P>} type; {@code Object} when raw or unbounded. */
	static Type payloadTypeOf(Type notificationType) {
		if (notificationType instanceof ParameterizedType parameterized) {
			return upperBound(parameterized.getActualTypeArguments()[0]);
		}
		return Object.class;
	}

	/** The type a type argument stands for: itself, or a wildcard's upper bound ({@code Object} for {@code ? super}). */
	static Type upperBound(Type argument) {
		if (argument instanceof WildcardType wildcard) {
			return (wildcard.getLowerBounds().length == 0) ? wildcard.getUpperBounds()[0] : Object.class;
		}
		return argument;
	}

}
