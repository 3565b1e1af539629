package io.oslo4j.messaging.notify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.oslo4j.messaging.endpoint.EndpointDefinitionException;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.serializer.Serializer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Hands a batch of notifications to batch endpoints, as oslo's
 * {@code BatchNotificationDispatcher}: the batch is split by priority; for each priority the
 * methods are visited in endpoint order, each given the notifications its filter lets through
 * (skipped when none); the first {@link NotificationResult#REQUEUE} (or failure) stops the visit
 * for that priority and sends <em>all</em> its notifications back to the queue (when the
 * listener allows requeueing).
 */
final class BatchDispatcher {

	private final Map<Priority, List<EndpointMethod<List<Notification<JsonNode>>>>> methods;

	private final MessagingExecutor executor;

	BatchDispatcher(Map<Priority, List<EndpointMethod<List<Notification<JsonNode>>>>> methods,
			MessagingExecutor executor) {
		this.methods = methods;
		this.executor = executor;
	}

	/**
	 * A dispatcher to the batch methods of the endpoints, their payloads deserialized by
	 * {@code serializer}.
	 * @throws EndpointDefinitionException naming the method and the fix, when one cannot be used
	 */
	static BatchDispatcher of(List<NotificationMethods.Registration> endpoints, Serializer serializer,
			MessagingExecutor executor) {
		Map<Priority, List<EndpointMethod<List<Notification<JsonNode>>>>> methods = NotificationMethods
			.introspect(endpoints, NotificationParameterResolvers.batch(new PayloadConverter(serializer)));
		methods.values().stream().flatMap(List::stream).filter((method) -> method.method().getParameterCount() != 1)
			.findFirst().ifPresent((method) -> {
				throw new EndpointDefinitionException("Batch notification endpoint method " + method + " takes no "
						+ "parameter, but " + NotificationParameterResolvers.BATCH_SHAPE);
			});
		return new BatchDispatcher(methods, executor);
	}

	/** The endpoint methods by priority, each list in endpoint order. */
	Map<Priority, List<EndpointMethod<List<Notification<JsonNode>>>>> methods() {
		return this.methods;
	}

	/** The priorities whose notifications an endpoint asked to requeue; never an error. */
	Mono<Set<Priority>> dispatch(List<Notification<JsonNode>> batch) {
		Map<Priority, List<Notification<JsonNode>>> byPriority = new EnumMap<>(Priority.class);
		batch.forEach((notification) -> byPriority.computeIfAbsent(notification.priority(), (key) -> new ArrayList<>())
			.add(notification));
		return Flux.fromIterable(byPriority.entrySet())
			.concatMap((group) -> dispatch(group.getKey(), group.getValue())
				.filter(Boolean::booleanValue)
				.map((requeue) -> group.getKey()), 0)
			.collect(() -> EnumSet.noneOf(Priority.class), Set::add);
	}

	private Mono<Boolean> dispatch(Priority priority, List<Notification<JsonNode>> notifications) {
		return Flux.fromIterable(this.methods.getOrDefault(priority, List.of()))
			.concatMap((method) -> {
				List<Notification<JsonNode>> matching = notifications.stream()
					.filter(method.filter()::matches)
					.toList();
				return matching.isEmpty() ? Mono.empty() : method.execute(this.executor, matching);
			}, 0)
			.any((result) -> result == NotificationResult.REQUEUE);
	}

}
