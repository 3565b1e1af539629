package io.oslo4j.messaging.notify;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Binds the parameters of a method that handles one notification, by type or role:
 * {@link RequestContext}, {@link NotificationMetadata}, {@link Priority} and
 * {@code Notification<P>} by type; the payload by the name {@code payload} or the annotation
 * {@link NotificationPayload}, converted to the parameter's type; the publisher id and event type
 * by the names {@code publisherId} and {@code eventType} (or {@code publisher_id},
 * {@code event_type}). Names need the {@code -parameters} compiler flag.
 */
final class ArgumentBinder implements EndpointIntrospector.Binder<Notification<JsonNode>> {

	private final PayloadConverter converter;

	ArgumentBinder(PayloadConverter converter) {
		this.converter = converter;
	}

	@Override
	public Function<Notification<JsonNode>, @Nullable Object[]> bind(Method method, String description) {
		List<Function<Notification<JsonNode>, @Nullable Object>> resolvers = new ArrayList<>();
		for (Parameter parameter : method.getParameters()) {
			resolvers.add(resolverFor(parameter, description));
		}
		return (notification) -> {
			@Nullable Object[] arguments = new Object[resolvers.size()];
			for (int i = 0; i < arguments.length; i++) {
				arguments[i] = resolvers.get(i).apply(notification);
			}
			return arguments;
		};
	}

	private Function<Notification<JsonNode>, @Nullable Object> resolverFor(Parameter parameter, String description) {
		Class<?> type = parameter.getType();
		if (parameter.isAnnotationPresent(NotificationPayload.class)) {
			return payload(parameter);
		}
		if (type == RequestContext.class) {
			return this.converter::context;
		}
		if (type == NotificationMetadata.class) {
			return Notification::metadata;
		}
		if (type == Priority.class) {
			return Notification::priority;
		}
		if (type == Notification.class) {
			return this.converter.notification(PayloadConverter.payloadTypeOf(parameter.getParameterizedType()))::apply;
		}
		String name = parameter.getName();
		if (name.equals("payload")) {
			return payload(parameter);
		}
		if (type == String.class && (name.equals("publisherId") || name.equals("publisher_id"))) {
			return Notification::publisherId;
		}
		if (type == String.class && (name.equals("eventType") || name.equals("event_type"))) {
			return Notification::eventType;
		}
		throw new IllegalArgumentException(unboundMessage(parameter, description));
	}

	private Function<Notification<JsonNode>, @Nullable Object> payload(Parameter parameter) {
		return this.converter.to(parameter.getParameterizedType());
	}

	private static String unboundMessage(Parameter parameter, String description) {
		String start = "Parameter '" + parameter.getName() + "' (" + parameter.getParameterizedType().getTypeName()
				+ ") of notification endpoint method " + description + " cannot be bound: ";
		if (Collection.class.isAssignableFrom(parameter.getType())) {
			return start + "a list of notifications is for batch endpoints; build the listener with "
					+ "batch(size, timeout), or take one notification";
		}
		if (!parameter.isNamePresent()) {
			return start + "parameter names are missing; compile with -parameters, or annotate the payload "
					+ "with @NotificationPayload";
		}
		return start + "bind it by type (RequestContext, NotificationMetadata, Priority, Notification<P>) or by "
				+ "name (payload, publisherId, eventType), or annotate the payload with @NotificationPayload";
	}

}
