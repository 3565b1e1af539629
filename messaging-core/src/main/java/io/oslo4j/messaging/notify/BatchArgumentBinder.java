package io.oslo4j.messaging.notify;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Binds the one parameter of a batch endpoint method: a {@code List<Notification<P>>}, every
 * payload converted to {@code P} (oslo hands batch endpoints a list of dicts with the same keys).
 */
final class BatchArgumentBinder implements EndpointIntrospector.Binder<List<Notification<JsonNode>>> {

	private final PayloadConverter converter;

	BatchArgumentBinder(PayloadConverter converter) {
		this.converter = converter;
	}

	@Override
	public Function<List<Notification<JsonNode>>, @Nullable Object[]> bind(Method method, String description) {
		Type[] parameters = method.getGenericParameterTypes();
		Type notificationType = (parameters.length == 1) ? elementOfList(parameters[0]) : null;
		if (notificationType == null) {
			throw new IllegalArgumentException("Batch notification endpoint method " + description
					+ " must take exactly one parameter, a List<Notification<P>> where P is the payload type");
		}
		Function<Notification<JsonNode>, Notification<@Nullable Object>> convert = this.converter
			.notification(PayloadConverter.payloadTypeOf(notificationType));
		return (batch) -> {
			List<Notification<@Nullable Object>> converted = new ArrayList<>(batch.size());
			for (Notification<JsonNode> notification : batch) {
				converted.add(convert.apply(notification));
			}
			return new Object[] { Collections.unmodifiableList(converted) };
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

}
