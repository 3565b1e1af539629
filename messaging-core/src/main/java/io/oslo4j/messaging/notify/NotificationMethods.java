package io.oslo4j.messaging.notify;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.oslo4j.messaging.endpoint.EndpointDefinitionException;
import io.oslo4j.messaging.endpoint.HandlerMethod;
import io.oslo4j.messaging.endpoint.HandlerMethodFactory;
import io.oslo4j.messaging.endpoint.ReturnType;

import org.jspecify.annotations.Nullable;

/**
 * Finds the notification methods of endpoint objects, once, and fails with an
 * {@link EndpointDefinitionException} naming the method and the fix when one cannot be used.
 *
 * <p>A public method handles a priority when it is annotated {@link OnNotification} with it, or,
 * unannotated, when it is named after it ({@code info}, {@code warn}, ...; not {@code warning}),
 * as oslo's listener looks endpoints up by name. One method per priority and endpoint. The
 * filter is the one given with the endpoint, else the one its {@link NotificationEndpoint}
 * annotation describes. Its parameters are bound by the chain of the factory it is given (see
 * {@link NotificationParameterResolvers}).
 */
final class NotificationMethods {

	private static final String RETURN_FIX = "return void, NotificationResult, Mono<NotificationResult>, Mono<Void>, "
			+ "CompletionStage<NotificationResult> or CompletionStage<Void>";

	private NotificationMethods() {
	}

	/** An endpoint object and the filter it was registered with (null: its annotation's, if any). */
	record Registration(Object endpoint, @Nullable NotificationFilter filter) {
	}

	/**
	 * The methods of the endpoints, by priority, each list in the order the endpoints were given.
	 * @throws EndpointDefinitionException naming the method and the fix, when one cannot be used
	 * @throws IllegalArgumentException when no endpoint has any method
	 */
	static <I> Map<Priority, List<EndpointMethod<I>>> introspect(List<Registration> registrations,
			HandlerMethodFactory<I> factory) {
		Map<Priority, List<EndpointMethod<I>>> byPriority = new EnumMap<>(Priority.class);
		for (Registration registration : registrations) {
			for (EndpointMethod<I> method : methodsOf(registration, factory)) {
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

	private static <I> List<EndpointMethod<I>> methodsOf(Registration registration, HandlerMethodFactory<I> factory) {
		Object endpoint = registration.endpoint();
		Class<?> type = HandlerMethodFactory.userClass(endpoint);
		NotificationFilter filter = (registration.filter() != null) ? registration.filter()
				: EndpointFilters.filterOf(type);
		Map<Priority, Method> claimed = new EnumMap<>(Priority.class);
		List<EndpointMethod<I>> methods = new ArrayList<>();
		for (Method method : HandlerMethodFactory.methods(type)) {
			Set<Priority> priorities = prioritiesOf(method);
			boolean annotated = method.isAnnotationPresent(OnNotification.class);
			if (priorities.isEmpty() || (Modifier.isStatic(method.getModifiers()) && !annotated)) {
				continue;
			}
			String signature = HandlerMethodFactory.signature(type, method);
			if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
				throw new EndpointDefinitionException("Notification endpoint method " + signature
						+ " is annotated with @OnNotification but is not a public instance method; make it one");
			}
			for (Priority priority : priorities) {
				Method other = claimed.putIfAbsent(priority, method);
				if (other != null) {
					throw new EndpointDefinitionException("Notification endpoint " + type.getName() + " has two methods "
							+ "for priority " + priority.routingName() + ": " + HandlerMethodFactory.signature(type, other)
							+ " and " + signature + "; keep one, or move one to another endpoint");
				}
			}
			HandlerMethod<I> handler = factory.create(endpoint, method);
			refuseUnknownOutcome(handler);
			methods.add(new EndpointMethod<>(handler, priorities, filter));
		}
		return methods;
	}

	private static Set<Priority> prioritiesOf(Method method) {
		OnNotification annotation = method.getAnnotation(OnNotification.class);
		if (annotation != null) {
			if (annotation.value().length == 0) {
				throw new EndpointDefinitionException("@OnNotification on " + method + " lists no priority; name one, "
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

	/** A notification has one outcome: handled, or requeue; a method must say nothing else. */
	private static void refuseUnknownOutcome(HandlerMethod<?> handler) {
		ReturnType type = handler.returnType();
		if (type.kind() == ReturnType.Kind.STREAM) {
			throw new EndpointDefinitionException("Notification endpoint method " + handler.signature() + " returns "
					+ type.declaredType().getSimpleName() + ", but a notification has one outcome; " + RETURN_FIX);
		}
		Class<?> value = type.valueClass();
		boolean understood = type.kind() == ReturnType.Kind.VOID || value == NotificationResult.class
				|| value == Void.class;
		if (!understood) {
			throw new EndpointDefinitionException("Notification endpoint method " + handler.signature() + " returns "
					+ type + ", which says nothing a listener understands; " + RETURN_FIX);
		}
	}

}
