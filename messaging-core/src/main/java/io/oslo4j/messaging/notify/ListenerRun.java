package io.oslo4j.messaging.notify;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.TransportDriver;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.MalformedMessageException;
import io.oslo4j.messaging.wire.NotificationMessage;
import io.oslo4j.messaging.wire.RecentIds;
import io.oslo4j.messaging.wire.RpcRequest;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * One run of a {@link NotificationListener}, from {@code start()} to the end of
 * {@code awaitTermination()}: the transport subscription and what its messages go through.
 *
 * <p>On the transport's consumer thread each message is decoded (an undecodable one is rejected
 * without requeue), checked against the recent {@code _unique_id}s (a duplicate is dropped
 * unsettled, as oslo does: it goes back to its queue when the subscription closes), checked for a
 * known priority (otherwise acknowledged with a warning), then handed to the endpoints: one by
 * one, or gathered into batches. The consumer thread waits when the in-flight bound is reached.
 * When the outcome is known (on the executor's reply scheduler when a method ran), each message
 * is acknowledged (its id recorded) or, if an endpoint asked to requeue it and the listener
 * allows that, rejected with requeue; once it has been requeued {@code maxRequeues} times, it is
 * rejected without requeue (dropped, or dead-lettered if its queue has a dead-letter exchange).
 */
final class ListenerRun implements DeliveryHandler {

	private static final Logger logger = LoggerFactory.getLogger(ListenerRun.class);

	private final Envelope envelope;

	private final boolean allowRequeue;

	private final Function<List<Notification<JsonNode>>, Mono<Set<Priority>>> dispatch;

	private final InFlight inFlight;

	private final RecentIds recentIds = new RecentIds();

	private final RequeueCounter requeues;

	private final @Nullable BatchCollector<Received> collector;

	private @Nullable Listener subscription;

	private volatile boolean terminated;

	/**
	 * @param dispatch runs a dispatch unit (one notification, or a batch) and tells which
	 * priorities' notifications to requeue
	 * @param maxRequeues how many times one notification may be requeued, -1 without end
	 * @param batching the batch size and timeout, or null to dispatch notifications one by one
	 */
	ListenerRun(Envelope envelope, boolean allowRequeue, int maxRequeues, int maxInFlight,
			Function<List<Notification<JsonNode>>, Mono<Set<Priority>>> dispatch, @Nullable Batching batching) {
		this.envelope = envelope;
		this.allowRequeue = allowRequeue;
		this.requeues = new RequeueCounter(maxRequeues);
		this.dispatch = dispatch;
		this.inFlight = new InFlight(maxInFlight);
		this.collector = (batching != null) ? new BatchCollector<>(batching.size(), batching.timeout(), this::submit)
				: null;
	}

	/** A batch listener's settings. */
	record Batching(int size, Duration timeout) {
	}

	void start(TransportDriver driver, List<NotificationBinding> bindings, @Nullable String pool) {
		this.subscription = driver.listenForNotifications(bindings, pool, this);
	}

	/** No new message is taken; a partly filled batch is handed on at once. */
	void stop() {
		if (this.subscription != null) {
			this.subscription.stop();
		}
		if (this.collector != null) {
			this.collector.flush();
		}
	}

	/**
	 * Waits for every message taken to be settled, then closes the subscription (what is still
	 * unsettled goes back to its queue).
	 * @return whether everything was settled in time
	 */
	/** Whether the transport subscription consumes right now. */
	boolean isConsuming() {
		Listener current = this.subscription;
		return current != null && current.isConsuming();
	}

	/** Messages taken and not yet settled. */
	int inFlight() {
		return this.inFlight.unsettled();
	}

	boolean awaitTermination(Duration timeout) {
		boolean idle = this.inFlight.awaitIdle(timeout);
		this.terminated = true;
		if (this.subscription != null) {
			this.subscription.close();
		}
		if (this.collector != null) {
			this.collector.dispose();
		}
		return idle;
	}

	@Override
	public void onDelivery(Delivery delivery) {
		this.inFlight.accepted();
		Received received = receive(delivery);
		if (received == null) {
			this.inFlight.settled(1);
		}
		else if (this.collector != null) {
			this.collector.add(received);
		}
		else {
			submit(List.of(received));
		}
	}

	private @Nullable Received receive(Delivery delivery) {
		NotificationMessage message;
		try {
			message = NotificationMessage.fromJson(this.envelope.mapper(),
					this.envelope.unwrap(delivery.body(), delivery.contentType(), delivery.headers()));
		}
		catch (MalformedMessageException ex) {
			logger.warn("Rejecting a message that is not a notification: {}", ex.getMessage());
			delivery.reject(false);
			return null;
		}
		if (this.recentIds.contains(message.uniqueId())) {
			logger.info("Dropping duplicate notification {} (_unique_id {})", message.messageId(), message.uniqueId());
			return null;
		}
		Priority priority = Priority.fromBody(message.priority());
		if (priority == null) {
			logger.warn("Unknown priority \"{}\" of notification {}; acknowledged without dispatch", message.priority(),
					message.messageId());
			acknowledge(delivery, message.uniqueId());
			return null;
		}
		// Python endpoints see the call-monitor timeout in the context; a notification has none
		RequestContext context = message.context().with(RpcRequest.CLIENT_TIMEOUT, null);
		Notification<JsonNode> notification = new Notification<>(priority, context, message.publisherId(),
				message.eventType(), message.payload(), new NotificationMetadata(message.messageId(), message.timestamp()));
		return new Received(delivery, message.uniqueId(), identity(message, delivery), notification);
	}

	/** What tells this notification apart from others when it comes back: its ids, else its body. */
	private static String identity(NotificationMessage message, Delivery delivery) {
		if (message.uniqueId() != null) {
			return message.uniqueId();
		}
		if (message.messageId() != null) {
			return message.messageId();
		}
		return "body " + Arrays.hashCode(delivery.body()) + "/" + delivery.body().length;
	}

	private void submit(List<Received> unit) {
		boolean permitted = this.inFlight.acquire();
		if (!permitted || this.terminated) {
			// the wait outlived the run: the subscription is closed and these go back to their queue
			if (permitted) {
				this.inFlight.release();
			}
			unit.forEach((received) -> reject(received.delivery()));
			this.inFlight.settled(unit.size());
			return;
		}
		Mono.defer(() -> this.dispatch.apply(unit.stream().map(Received::notification).toList()))
			.onErrorResume((ex) -> {
				logger.error("Dispatching {} notification(s) failed; counted as REQUEUE", unit.size(), ex);
				return Mono.just(Set.of(Priority.values()));
			})
			.defaultIfEmpty(Set.of())
			.doFinally((signal) -> this.inFlight.release())
			.subscribe((requeued) -> settle(unit, requeued));
	}

	private void settle(List<Received> unit, Set<Priority> requeued) {
		try {
			for (Received received : unit) {
				if (this.allowRequeue && requeued.contains(received.notification().priority())) {
					requeueOrRefuse(received);
				}
				else {
					acknowledge(received.delivery(), received.uniqueId());
					this.requeues.forget(received.identity());
				}
			}
		}
		finally {
			this.inFlight.settled(unit.size());
		}
	}

	private void requeueOrRefuse(Received received) {
		if (this.requeues.mayRequeue(received.identity(), received.delivery().headers())) {
			reject(received.delivery());
			return;
		}
		Notification<JsonNode> notification = received.notification();
		logger.error("Notification {} ({} at {}, _unique_id {}) was requeued the most times allowed "
				+ "(NotificationListener.Builder.maxRequeues); rejected without requeue: dropped, or dead-lettered if "
				+ "its queue has a dead-letter exchange", notification.metadata().messageId(), notification.eventType(),
				notification.priority().wireName(), received.uniqueId());
		try {
			received.delivery().reject(false);
		}
		catch (RuntimeException ex) {
			logger.error("Failed to reject a notification", ex);
		}
	}

	private void acknowledge(Delivery delivery, @Nullable String uniqueId) {
		try {
			delivery.ack();
			this.recentIds.add(uniqueId);
		}
		catch (RuntimeException ex) {
			logger.error("Failed to acknowledge a notification", ex);
		}
	}

	private static void reject(Delivery delivery) {
		try {
			delivery.reject(true);
		}
		catch (RuntimeException ex) {
			logger.error("Failed to requeue a notification", ex);
		}
	}

	/** A decoded notification and the delivery that carried it. */
	private record Received(Delivery delivery, @Nullable String uniqueId, String identity,
			Notification<JsonNode> notification) {
	}

}
