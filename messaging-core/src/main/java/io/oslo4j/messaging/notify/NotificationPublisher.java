package io.oslo4j.messaging.notify;

import java.time.Clock;
import java.util.List;

import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.NotificationMessage;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes a notification and publishes it to each topic: what a {@link Notifier} and its copies
 * share. The message (id, timestamp, payload, sanitized context) is built once; each topic gets
 * its own {@code _unique_id}, kept across the retries of that topic's publish so that a listener
 * can drop a copy that was published twice.
 */
final class NotificationPublisher {

	private static final Logger logger = LoggerFactory.getLogger(NotificationPublisher.class);

	private final Transport transport;

	private final List<String> topics;

	private final List<NotificationDriver> drivers;

	private final Clock clock;

	private final Serializer serializer;

	private final RoutingConfig routing;

	/**
	 * @param drivers each sends every notification, in order, as oslo's notifier calls each of its
	 * drivers; {@code noop} ones send nothing
	 * @param serializer how payloads and contexts are converted; null for Jackson with the
	 * transport's mapper, nothing more
	 * @param routing where the {@code routing} driver sends; required with that driver
	 * @throws IllegalStateException with the {@code routing} driver but no routing configuration
	 */
	NotificationPublisher(Transport transport, List<String> topics, List<NotificationDriver> drivers, Clock clock,
			@Nullable Serializer serializer, @Nullable RoutingConfig routing) {
		if (drivers.contains(NotificationDriver.ROUTING) && routing == null) {
			throw new IllegalStateException("The routing notification driver needs a routing configuration "
					+ "(oslo's [oslo_messaging_notifications] routing_config): give one with "
					+ "Notifier.Builder.routing(RoutingConfig.of(...)), or choose other drivers");
		}
		this.transport = transport;
		this.topics = List.copyOf(topics);
		this.drivers = List.copyOf(drivers);
		this.clock = clock;
		this.serializer = (serializer != null) ? serializer : Serializer.jackson(transport.envelope().mapper());
		this.routing = (routing != null) ? routing : RoutingConfig.empty();
	}

	List<String> topics() {
		return this.topics;
	}

	List<NotificationDriver> drivers() {
		return this.drivers;
	}

	/** Whether any driver sends: false with none, or with {@code noop} only, as in oslo. */
	boolean isEnabled() {
		return this.drivers.stream().anyMatch((driver) -> driver != NotificationDriver.NOOP);
	}

	Mono<Void> publish(@Nullable String publisherId, Priority priority, RequestContext context, String eventType,
			@Nullable Object payload, int retry) {
		if (!isEnabled()) {
			return Mono.empty();
		}
		return Mono.defer(() -> {
			NotificationMessage message = new NotificationMessage(MessageIds.newDashedId(), publisherId, eventType,
					priority.wireName(), toJson(context, payload, eventType),
					NotificationMessage.formatTimestamp(this.clock.instant()), null,
					this.serializer.serializeContext(ContextWhitelist.sanitize(context)));
			return Flux.fromIterable(this.drivers)
				.concatMap((driver) -> deliver(driver, priority, eventType, message, retry))
				.then();
		});
	}

	private Mono<Void> deliver(NotificationDriver driver, Priority priority, String eventType,
			NotificationMessage message, int retry) {
		return switch (driver) {
			case MESSAGING_V2, MESSAGING -> Flux.fromIterable(this.topics)
				.concatMap((topic) -> publishTo(driver, topic, priority, message, retry))
				.then();
			case LOG -> Mono.fromRunnable(() -> NotificationLog.log(bare(message), priority, eventType));
			case TEST -> Mono.fromRunnable(
					() -> RecordedNotifications.record(new RecordedNotification(message.context(), bare(message),
							priority, retry)));
			case ROUTING -> Flux.fromIterable(this.routing.driversFor(eventType, priority))
				.concatMap((routed) -> deliver(routed, priority, eventType, message, retry))
				.then();
			case NOOP -> Mono.empty();
		};
	}

	/** The message as oslo hands it to a driver: without {@code _unique_id} and context, which the transport adds. */
	private ObjectNode bare(NotificationMessage message) {
		return new NotificationMessage(message.messageId(), message.publisherId(), message.eventType(),
				message.priority(), message.payload(), message.timestamp(), null, RequestContext.empty())
			.toJson(this.transport.envelope().mapper());
	}

	private Mono<Void> publishTo(NotificationDriver driver, String topic, Priority priority, NotificationMessage message,
			int retry) {
		byte[] body = encode(driver, message.withUniqueId(MessageIds.newHexId()));
		Mono<Void> publish = this.transport.driver()
			.sendNotification(topic, priority.routingName(), OutgoingMessage.of(body));
		return publish.retryWhen(this.transport.publishRetry(retry,
				(signal) -> logger.warn("Publishing a notification to {}.{} failed (attempt {}), retrying: {}", topic,
						priority.routingName(), signal.totalRetries() + 1, signal.failure().getMessage())));
	}

	private byte[] encode(NotificationDriver driver, NotificationMessage message) {
		ObjectNode node = message.toJson(this.transport.envelope().mapper());
		return (driver == NotificationDriver.MESSAGING) ? this.transport.envelope().plain(node)
				: this.transport.envelope().wrap(node);
	}

	private JsonNode toJson(RequestContext context, @Nullable Object payload, String eventType) {
		try {
			return this.serializer.serializeEntity(context, payload);
		}
		catch (JacksonException ex) {
			throw new MessagingException("The payload of notification " + eventType + " ("
					+ ((payload != null) ? payload.getClass().getName() : "null")
					+ ") cannot be converted to JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * The topics of a notifier: at least one, and none empty.
	 * @throws IllegalArgumentException otherwise
	 */
	static List<String> checkTopics(List<String> topics) {
		if (topics.isEmpty() || topics.stream().anyMatch(String::isEmpty)) {
			throw new IllegalArgumentException("a notifier needs at least one topic, and no empty one: " + topics);
		}
		return List.copyOf(topics);
	}

	/**
	 * A valid {@code retry}: how many times a failed publish is attempted again, -1 without end, 0 never.
	 * @throws IllegalArgumentException if it is below -1
	 */
	static int checkRetry(int retry) {
		if (retry < -1) {
			throw new IllegalArgumentException("retry must be -1 (without end), 0 (never) or more, was " + retry);
		}
		return retry;
	}

}
