package io.oslo4j.messaging.notify;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.executor.Lane;
import io.oslo4j.messaging.server.Decoder;
import io.oslo4j.messaging.server.InFlight;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.TransportDriver;
import io.oslo4j.messaging.wire.MalformedMessageException;
import io.oslo4j.messaging.wire.MessageType;
import io.oslo4j.messaging.wire.NotificationMessage;
import io.oslo4j.messaging.wire.RecentIds;
import io.oslo4j.messaging.wire.RpcRequest;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A notification listener's pipeline on the transport's consumer thread, from one
 * {@code start()} to the end of {@code awaitTermination()}, and the subscription it is fed by.
 *
 * <p>Each message is decoded (an undecodable one is rejected without requeue), checked against
 * the recent {@code _unique_id}s (a duplicate is dropped unsettled, as oslo does: it goes back to
 * its queue when the subscription closes), checked for a known priority (otherwise acknowledged
 * with a warning), then handed on: one by one, or gathered into batches. Each unit is admitted
 * into its lane of the in-flight bound (the consumer thread waits when it is full), dispatched,
 * and settled by the {@link Acknowledgement} on the executor's reply scheduler.
 */
final class NotificationReceiver implements DeliveryHandler, Listener {

	private static final Logger logger = LoggerFactory.getLogger(NotificationReceiver.class);

	private final Decoder decoder;

	private final Function<List<Notification<JsonNode>>, Mono<Set<Priority>>> dispatch;

	private final Map<Priority, Lane> lanes;

	private final InFlight inFlight;

	private final RecentIds recentIds = new RecentIds();

	private final Acknowledgement acknowledgement;

	private final @Nullable BatchCollector<Acknowledgement.Received> collector;

	private final @Nullable String pool;

	private @Nullable Listener subscription;

	private volatile boolean closed;

	/**
	 * @param dispatch runs a dispatch unit (one notification, or a batch) and tells which
	 * priorities' notifications to requeue
	 * @param lanes the lane of each priority's dispatch: reactive when every method for it is
	 */
	NotificationReceiver(Decoder decoder, Function<List<Notification<JsonNode>>, Mono<Set<Priority>>> dispatch,
			Map<Priority, Lane> lanes, InFlight inFlight, Settings settings) {
		this.decoder = decoder;
		this.dispatch = dispatch;
		this.lanes = lanes;
		this.inFlight = inFlight;
		this.pool = settings.pool();
		this.acknowledgement = new Acknowledgement(
				settings.allowRequeue() ? new RequeueCounter(settings.maxRequeues()) : null, this.recentIds);
		Batching batching = settings.batching();
		this.collector = (batching != null) ? new BatchCollector<>(batching.size(), batching.timeout(), this::submit)
				: null;
	}

	/**
	 * A listener's settings.
	 * @param pool the pool's queue, or null for the shared {@code <topic>.<priority>} queues
	 * @param maxRequeues how many times one notification may be requeued, -1 without end
	 * @param batching the batch size and timeout, or null to dispatch notifications one by one
	 */
	record Settings(@Nullable String pool, boolean allowRequeue, int maxRequeues, @Nullable Batching batching) {
	}

	/** A batch listener's batches. */
	record Batching(int size, Duration timeout) {
	}

	NotificationReceiver subscribe(TransportDriver driver, List<NotificationBinding> bindings) {
		try {
			this.subscription = driver.listenForNotifications(bindings, this.pool, this);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		return this;
	}

	/** No new message is taken; a partly filled batch is handed on at once. */
	@Override
	public void stop() {
		if (this.subscription != null) {
			this.subscription.stop();
		}
		if (this.collector != null) {
			this.collector.flush();
		}
	}

	/** Closes the subscription: what is still unsettled goes back to its queue. */
	@Override
	public void close() {
		this.closed = true;
		if (this.subscription != null) {
			this.subscription.close();
		}
		if (this.collector != null) {
			this.collector.dispose();
		}
	}

	@Override
	public boolean isConsuming() {
		Listener current = this.subscription;
		return current != null && current.isConsuming();
	}

	@Override
	public void onDelivery(Delivery delivery) {
		this.inFlight.enter();
		Acknowledgement.Received received = receive(delivery);
		if (received == null) {
			this.inFlight.exit();
		}
		else if (this.collector != null) {
			this.collector.add(received);
		}
		else {
			submit(List.of(received));
		}
	}

	private Acknowledgement.@Nullable Received receive(Delivery delivery) {
		NotificationMessage message;
		try {
			message = this.decoder.decode(delivery, MessageType.NOTIFICATION);
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
			this.acknowledgement.acknowledge(delivery, message.uniqueId());
			return null;
		}
		// Python endpoints see the call-monitor timeout in the context; a notification has none
		RequestContext context = message.context().with(RpcRequest.CLIENT_TIMEOUT, null);
		Notification<JsonNode> notification = new Notification<>(priority, context, message.publisherId(),
				message.eventType(), message.payload(), new NotificationMetadata(message.messageId(), message.timestamp()));
		return new Acknowledgement.Received(delivery, message.uniqueId(), identity(message, delivery), notification);
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

	private void submit(List<Acknowledgement.Received> unit) {
		Lane lane = lane(unit);
		try {
			this.inFlight.admit(lane, () -> {
				if (this.closed) {
					this.inFlight.release(lane);
					giveBack(unit);
					return;
				}
				dispatch(unit, lane);
			});
		}
		catch (InterruptedException ex) {
			// the transport is closing: these go back to their queue
			Thread.currentThread().interrupt();
			giveBack(unit);
		}
	}

	private void dispatch(List<Acknowledgement.Received> unit, Lane lane) {
		Mono.defer(() -> this.dispatch.apply(unit.stream().map(Acknowledgement.Received::notification).toList()))
			.onErrorResume((ex) -> {
				logger.error("Dispatching {} notification(s) failed; counted as REQUEUE", unit.size(), ex);
				return Mono.just(Set.of(Priority.values()));
			})
			.defaultIfEmpty(Set.of())
			.doFinally((signal) -> this.inFlight.release(lane))
			.subscribe((requeued) -> {
				try {
					this.acknowledgement.settle(unit, requeued);
				}
				finally {
					this.inFlight.exit(unit.size());
				}
			});
	}

	/** Reactive when every notification's priority is served by reactive methods only. */
	private Lane lane(List<Acknowledgement.Received> unit) {
		for (Acknowledgement.Received received : unit) {
			if (this.lanes.getOrDefault(received.notification().priority(), Lane.REACTIVE) == Lane.BLOCKING) {
				return Lane.BLOCKING;
			}
		}
		return Lane.REACTIVE;
	}

	private void giveBack(List<Acknowledgement.Received> unit) {
		unit.forEach((received) -> Acknowledgement.requeue(received.delivery()));
		this.inFlight.exit(unit.size());
	}

}
