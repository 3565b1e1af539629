package io.oslo4j.messaging.notify;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.function.Function;

import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.serializer.Serializer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Deserializes what a listener received, with its {@link Serializer}, for the types an endpoint
 * method declares: the context, and the payload with that context, as oslo's listener does.
 * {@code Object} gives maps, lists, strings and numbers, as a Python endpoint sees them;
 * {@code JsonNode} gives the payload as received.
 */
final class PayloadConverter {

	private final Serializer serializer;

	PayloadConverter(Serializer serializer) {
		this.serializer = serializer;
	}

	/** The notification's context, deserialized. */
	RequestContext context(Notification<JsonNode> notification) {
		return this.serializer.deserializeContext(notification.context());
	}

	/** The notification with its context and its payload, as {@code payloadType}, deserialized. */
	Function<Notification<JsonNode>, Notification<@Nullable Object>> notification(Type payloadType) {
		Function<Notification<JsonNode>, @Nullable Object> payload = to(payloadType);
		return (notification) -> new Notification<>(notification.priority(), context(notification),
				notification.publisherId(), notification.eventType(), payload.apply(notification), notification.metadata());
	}

	/**
	 * A conversion of the payload to {@code type}; a missing payload is JSON null. The conversion
	 * throws {@link MessagingException} when the payload does not fit the type.
	 */
	Function<Notification<JsonNode>, @Nullable Object> to(Type type) {
		return (notification) -> {
			JsonNode payload = (notification.payload() != null) ? notification.payload() : NullNode.getInstance();
			try {
				return this.serializer.deserializeEntity(context(notification), payload, type);
			}
			catch (JacksonException ex) {
				throw new MessagingException("The payload cannot be converted to " + type.getTypeName() + ": "
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
