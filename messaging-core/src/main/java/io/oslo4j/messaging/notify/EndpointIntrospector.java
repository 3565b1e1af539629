package io.oslo4j.messaging.notify;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds the notification methods of endpoint objects, once, and fails with a message that names
 * the method and the fix when one cannot be used.
 *
 * <p>A public method handles a priority when it is annotated {@link OnNotification} with it, or,
 * unannotated, when it is named after it ({@code info}, {@code warn}, ...; not {@code warning}),
 * as oslo's listener looks endpoints up by name. One method per priority and endpoint. The
 * filter is the one given with the endpoint, else the one its {@link NotificationEndpoint}
 * annotation describes. Arguments are bound by {@link ArgumentBinder} for single notifications
 * and {@link BatchArgumentBinder} for batches.
 */
final class EndpointIntrospector {

	private static final String RETURN_FIX = "return void, NotificationResult, Mono<NotificationResult>, Mono<Void>, "
			+ "CompletionStage<NotificationResult> or CompletionStage<Void>";

	private EndpointIntrospector() {
	}

	/** An endpoint object and the filter it was registered with (null: its annotation's, if any). */
	record Registration(Object endpoint, @Nullable NotificationFilter filter) {
	}

	/** Makes the arguments of one method, or fails with the reason and the fix. */
	interface Binder<I> {

		Function<I, @Nullable Object[]> bind(Method method, String description);

	}

	/**
	 * The methods of the endpoints, by priority, each list in the order the endpoints were given.
	 * @throws IllegalArgumentException naming the method and the fix, when one cannot be used or
	 * when no endpoint has any method
	 */
	static <I> Map<Priority, List<EndpointMethod<I>>> introspect(List<Registration> registrations, Binder<I> binder) {
		Map<Priority, List<EndpointMethod<I>>> byPriority = new EnumMap<>(Priority.class);
		for (Registration registration : registrations) {
			for (EndpointMethod<I> method : methodsOf(registration, binder)) {
				method.priorities().forEach((priority) -> byPriority.computeIfAbsent(priority, (key) -> new ArrayList<>())
					.add(method));
			}
		}
		if (byPriority.isEmpty()) {
			throw new IllegalArgumentException("A notification listener needs at least one endpoint with a public "
					+ "method named after a priority (audit, debug, info, warn, error, critical, sample) or annotated "
					+ "with @OnNotification");
		}
		byPriority.replaceAll((priority, methods) -> List.copyOf(methods));
		return byPriority;
	}

	private static <I> List<EndpointMethod<I>> methodsOf(Registration registration, Binder<I> binder) {
		Object endpoint = registration.endpoint();
		Class<?> type = ClassUtils.getUserClass(endpoint);
		NotificationFilter filter = (registration.filter() != null) ? registration.filter() : filterOf(type);
		Map<Priority, Method> claimed = new EnumMap<>(Priority.class);
		List<EndpointMethod<I>> methods = new ArrayList<>();
		Method[] candidates = ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS);
		// reflection has no order: sort, so that the same endpoint fails the same way every time
		Arrays.sort(candidates, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
		for (Method method : candidates) {
			Set<Priority> priorities = prioritiesOf(method);
			boolean annotated = method.isAnnotationPresent(OnNotification.class);
			if (priorities.isEmpty() || (Modifier.isStatic(method.getModifiers()) && !annotated)) {
				continue;
			}
			String description = describe(type, method);
			if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
				throw new IllegalArgumentException("Notification endpoint method " + description
						+ " is annotated with @OnNotification but is not a public instance method; make it one");
			}
			for (Priority priority : priorities) {
				Method other = claimed.putIfAbsent(priority, method);
				if (other != null) {
					throw new IllegalArgumentException("Notification endpoint " + type.getName() + " has two methods for "
							+ "priority " + priority.routingName() + ": " + describe(type, other) + " and " + description
							+ "; keep one, or move one to another endpoint");
				}
			}
			EndpointMethod.Outcome outcome = outcomeOf(method, description);
			ReflectionUtils.makeAccessible(method);
			methods.add(new EndpointMethod<>(endpoint, method, description, priorities, filter,
					binder.bind(method, description), outcome));
		}
		return methods;
	}

	private static Set<Priority> prioritiesOf(Method method) {
		OnNotification annotation = method.getAnnotation(OnNotification.class);
		if (annotation != null) {
			if (annotation.value().length == 0) {
				throw new IllegalArgumentException("@OnNotification on " + method + " lists no priority; name one, "
						+ "e.g. @OnNotification(Priority.INFO)");
			}
			return EnumSet.copyOf(Arrays.asList(annotation.value()));
		}
		if (!Modifier.isPublic(method.getModifiers())) {
			return Set.of();
		}
		for (Priority priority : Priority.values()) {
			if (priority.routingName().equals(method.getName())) {
				return EnumSet.of(priority);
			}
		}
		return Set.of();
	}

	private static NotificationFilter filterOf(Class<?> type) {
		NotificationEndpoint annotation = type.getAnnotation(NotificationEndpoint.class);
		if (annotation == null) {
			return NotificationFilter.any();
		}
		String where = "@NotificationEndpoint of " + type.getName();
		NotificationFilter.Builder filter = NotificationFilter.builder();
		if (!annotation.publisherId().isEmpty()) {
			filter.publisherId(annotation.publisherId());
		}
		if (!annotation.eventType().isEmpty()) {
			filter.eventType(annotation.eventType());
		}
		forEachEntry(annotation.context(), "context", where, filter::context);
		forEachEntry(annotation.metadata(), "metadata", where, filter::metadata);
		forEachEntry(annotation.payload(), "payload", where, filter::payload);
		return filter.build();
	}

	private interface EntryConsumer {

		void accept(String key, String regex);

	}

	private static void forEachEntry(String[] entries, String attribute, String where, EntryConsumer consumer) {
		for (String entry : entries) {
			int equals = entry.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException(where + ": " + attribute + " entry '" + entry
						+ "' must be written key=regex");
			}
			consumer.accept(entry.substring(0, equals), entry.substring(equals + 1));
		}
	}

	private static EndpointMethod.Outcome outcomeOf(Method method, String description) {
		Class<?> type = method.getReturnType();
		if (type == void.class || type == Void.class || type == NotificationResult.class) {
			return EndpointMethod.Outcome.VALUE;
		}
		if (Flux.class.isAssignableFrom(type)) {
			throw new IllegalArgumentException("Notification endpoint method " + description + " returns Flux, but a "
					+ "notification has one outcome; " + RETURN_FIX);
		}
		if (Mono.class.isAssignableFrom(type) && hasResultArgument(method.getGenericReturnType())) {
			return EndpointMethod.Outcome.MONO;
		}
		if (CompletionStage.class.isAssignableFrom(type) && hasResultArgument(method.getGenericReturnType())) {
			return EndpointMethod.Outcome.STAGE;
		}
		throw new IllegalArgumentException("Notification endpoint method " + description + " returns "
				+ method.getGenericReturnType().getTypeName() + ", which says nothing a listener understands; "
				+ RETURN_FIX);
	}

	private static boolean hasResultArgument(Type type) {
		if (!(type instanceof ParameterizedType parameterized) || parameterized.getActualTypeArguments().length != 1) {
			return false;
		}
		Type argument = PayloadConverter.upperBound(parameterized.getActualTypeArguments()[0]);
		return argument == NotificationResult.class || argument == Void.class;
	}

	private static String describe(Class<?> type, Method method) {
		return type.getSimpleName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

}
