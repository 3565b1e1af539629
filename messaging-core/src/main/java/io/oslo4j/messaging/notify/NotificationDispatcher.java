package io.oslo4j.messaging.notify;

import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.serializer.Serializer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Hands one notification to the endpoints, as oslo's {@code NotificationDispatcher}: the methods
 * for its priority are visited in endpoint order, one after the other, each on the executor; an
 * endpoint whose filter does not match is skipped; the first {@link NotificationResult#REQUEUE}
 * (or failure) stops the visit and is the outcome; otherwise the outcome is
 * {@link NotificationResult#HANDLED}, also when no endpoint handles the priority.
 */
final class NotificationDispatcher {

	private final Map<Priority, List<EndpointMethod<Notification<JsonNode>>>> methods;

	private final MessagingExecutor executor;

	NotificationDispatcher(Map<Priority, List<EndpointMethod<Notification<JsonNode>>>> methods,
			MessagingExecutor executor) {
		this.methods = methods;
		this.executor = executor;
	}

	/**
	 * A dispatcher to the methods of the endpoints, their payloads deserialized by {@code serializer}.
	 * @throws io.oslo4j.messaging.endpoint.EndpointDefinitionException naming the method and the
	 * fix, when one cannot be used
	 */
	static NotificationDispatcher of(List<NotificationMethods.Registration> endpoints, Serializer serializer,
			MessagingExecutor executor) {
		return new NotificationDispatcher(NotificationMethods.introspect(endpoints,
				NotificationParameterResolvers.single(new PayloadConverter(serializer))), executor);
	}

	/** The endpoint methods by priority, each list in endpoint order. */
	Map<Priority, List<EndpointMethod<Notification<JsonNode>>>> methods() {
		return this.methods;
	}

	/** The outcome, signalled on the executor's reply scheduler (or at once when no method runs); never an error. */
	Mono<NotificationResult> dispatch(Notification<JsonNode> notification) {
		return Flux.fromIterable(this.methods.getOrDefault(notification.priority(), List.of()))
			.filter((method) -> method.filter().matches(notification))
			.concatMap((method) -> method.execute(this.executor, notification), 0)
			.takeUntil((result) -> result == NotificationResult.REQUEUE)
			.last(NotificationResult.HANDLED);
	}

}
