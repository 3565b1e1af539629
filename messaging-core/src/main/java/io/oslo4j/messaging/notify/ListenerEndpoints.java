package io.oslo4j.messaging.notify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.BlockingMethodsLeftException;
import io.oslo4j.messaging.executor.Lane;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.transport.NotificationBinding;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A listener's endpoints, introspected once: the methods per priority, how a dispatch unit (one
 * notification, or a batch) is handed to them, and which in-flight lane each priority's dispatch
 * takes on the listener's executor.
 *
 * @param dispatch runs a unit and tells which priorities' notifications to requeue
 */
record ListenerEndpoints(Map<Priority, ? extends List<? extends EndpointMethod<?>>> methods,
		Function<List<Notification<JsonNode>>, Mono<Set<Priority>>> dispatch) {

	static ListenerEndpoints introspect(List<NotificationMethods.Registration> endpoints, Serializer serializer,
			MessagingExecutor executor, boolean batch) {
		if (batch) {
			BatchDispatcher batches = BatchDispatcher.of(endpoints, serializer, executor);
			return new ListenerEndpoints(batches.methods(), batches::dispatch);
		}
		NotificationDispatcher dispatcher = NotificationDispatcher.of(endpoints, serializer, executor);
		return new ListenerEndpoints(dispatcher.methods(), (unit) -> {
			Notification<JsonNode> notification = unit.get(0);
			return dispatcher.dispatch(notification)
				.map((result) -> (result == NotificationResult.REQUEUE) ? EnumSet.of(notification.priority())
						: EnumSet.noneOf(Priority.class));
		});
	}

	/**
	 * These endpoints, if the executor can run every method: one without workers (executor
	 * {@code reactive}) cannot run a method that returns a plain value.
	 * @throws BlockingMethodsLeftException naming the methods that return a plain value
	 */
	ListenerEndpoints requireRunnableOn(MessagingExecutor executor) {
		if (!executor.lanes().contains(Lane.BLOCKING)) {
			List<ServerDescription.Method> blocking = describe(executor).stream()
				.filter((method) -> !method.reactive())
				.toList();
			if (!blocking.isEmpty()) {
				throw new BlockingMethodsLeftException(blocking);
			}
		}
		return this;
	}

	/** The priorities some endpoint handles: the only ones consumed. */
	Set<Priority> priorities() {
		return Set.copyOf(this.methods.keySet());
	}

	/** Each priority's lane: reactive when the executor runs every method for it without a worker. */
	Map<Priority, Lane> lanes(MessagingExecutor executor) {
		Map<Priority, Lane> lanes = new EnumMap<>(Priority.class);
		this.methods.forEach((priority, methods) -> lanes.put(priority,
				methods.stream().allMatch((method) -> executor.lane(method.reactive()) == Lane.REACTIVE) ? Lane.REACTIVE
						: Lane.BLOCKING));
		return lanes;
	}

	/** What a listener of these targets consumes: every target's topic with every handled priority. */
	List<NotificationBinding> bindings(List<Target> targets) {
		List<NotificationBinding> bindings = new ArrayList<>();
		for (Target target : targets) {
			String topic = target.requireTopic("a notification listener");
			for (Priority priority : Priority.values()) {
				if (this.methods.containsKey(priority)) {
					bindings.add(new NotificationBinding(target.exchange(), topic, priority.routingName()));
				}
			}
		}
		return bindings;
	}

	List<ServerDescription.Method> describe(MessagingExecutor executor) {
		Set<EndpointMethod<?>> distinct = new LinkedHashSet<>();
		this.methods.values().forEach(distinct::addAll);
		return distinct.stream()
			.map((method) -> new ServerDescription.Method(
					Arrays.stream(Priority.values()).filter(method.priorities()::contains).map(Priority::routingName).toList(),
					method.method(), null, null, method.reactive(), executor.lane(method.reactive()) == Lane.BLOCKING,
					method.blockingCalls()))
			.toList();
	}

}
