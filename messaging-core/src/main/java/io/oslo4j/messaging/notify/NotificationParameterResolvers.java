package io.oslo4j.messaging.notify;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.endpoint.HandlerMethodFactory;
import io.oslo4j.messaging.endpoint.Names;
import io.oslo4j.messaging.endpoint.ParameterResolver;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import tools.jackson.databind.JsonNode;

/**
 * The parameter resolver chains of notification endpoint methods.
 *
 * <p>A method that handles one notification takes, in any order, {@link RequestContext},
 * {@link NotificationMetadata}, {@link Priority} and {@code Notification<P>} by type; the payload
 * by the name {@code payload} or the annotation {@link NotificationPayload}, converted to the
 * parameter's type; the publisher id and event type as {@code String}s named {@code publisherId}
 * and {@code eventType} (or {@code publisher_id}, {@code event_type}). Names need the
 * {@code -parameters} compiler flag.
 *
 * <p>A batch method takes one {@code List<Notification<P>>}, every payload converted to {@code P}
 * (oslo hands batch endpoints a list of dicts with the same keys).
 */
final class NotificationParameterResolvers {

	/** What a batch method must look like. */
	static final String BATCH_SHAPE = "a batch method takes exactly one parameter, a List<Notification<P>> where P is "
			+ "the payload type";

	private NotificationParameterResolvers() {
	}

	/** The factory of methods that handle one notification. */
	static HandlerMethodFactory<Notification<JsonNode>> single(PayloadConverter converter) {
		ParameterResolver<Notification<JsonNode>> payload = (parameter) -> converter
			.to(parameter.getGenericParameterType())::apply;
		return new HandlerMethodFactory<>("notification endpoint method", List.of(
				ParameterResolver.annotated(NotificationPayload.class, payload),
				ParameterResolver.ofType(RequestContext.class, converter::context),
				ParameterResolver.ofType(NotificationMetadata.class, Notification::metadata),
				ParameterResolver.ofType(Priority.class, Notification::priority),
				wholeNotification(converter),
				ParameterResolver.named(Names.PAYLOAD, payload),
				ParameterResolver.named(Names.PUBLISHER_ID, ParameterResolver.ofType(String.class, Notification::publisherId)),
				ParameterResolver.named(Names.EVENT_TYPE, ParameterResolver.ofType(String.class, Notification::eventType))),
				NotificationParameterResolvers::singleFix);
	}

	/** {@code Notification<P>}: the notification, its payload converted to {@code P}. */
	private static ParameterResolver<Notification<JsonNode>> wholeNotification(PayloadConverter converter) {
		return (parameter) -> {
			if (parameter.getParameterType() != Notification.class) {
				return null;
			}
			Type payloadType = PayloadConverter.payloadTypeOf(parameter.getGenericParameterType());
			return converter.notification(payloadType)::apply;
		};
	}

	/** The factory of batch methods. */
	static HandlerMethodFactory<List<Notification<JsonNode>>> batch(PayloadConverter converter) {
		return new HandlerMethodFactory<>("batch notification endpoint method",
				List.of((parameter) -> batchOf(parameter, converter)), (parameter) -> BATCH_SHAPE);
	}

	private static ParameterResolver.@Nullable Argument<List<Notification<JsonNode>>> batchOf(MethodParameter parameter,
			PayloadConverter converter) {
		Type notificationType = elementOfList(parameter.getGenericParameterType());
		if (notificationType == null || parameter.getExecutable().getParameterCount() != 1) {
			return null;
		}
		Function<Notification<JsonNode>, Notification<@Nullable Object>> convert = converter
			.notification(PayloadConverter.payloadTypeOf(notificationType));
		return (batch) -> {
			List<Notification<@Nullable Object>> converted = new ArrayList<>(batch.size());
			for (Notification<JsonNode> notification : batch) {
				converted.add(convert.apply(notification));
			}
			return Collections.unmodifiableList(converted);
		};
	}

	private static @Nullable Type elementOfList(Type type) {
		if (!(type instanceof ParameterizedType list) || list.getRawType() != List.class) {
			return null;
		}
		Type element = PayloadConverter.upperBound(list.getActualTypeArguments()[0]);
		Type raw = (element instanceof ParameterizedType parameterized) ? parameterized.getRawType() : element;
		return (raw == Notification.class) ? element : null;
	}

	private static String singleFix(MethodParameter parameter) {
		if (Collection.class.isAssignableFrom(parameter.getParameterType())) {
			return "a list of notifications is for batch endpoints; build the listener with batch(size, timeout), or "
					+ "take one notification";
		}
		if (!parameter.getParameter().isNamePresent()) {
			return "parameter names are missing; compile with -parameters, or annotate the payload with "
					+ "@NotificationPayload";
		}
		return "bind it by type (RequestContext, NotificationMetadata, Priority, Notification<P>) or by name (payload, "
				+ "publisherId, eventType), or annotate the payload with @NotificationPayload";
	}

}
