package io.oslo4j.messaging.notify;

import java.util.List;
import java.util.Set;

import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.wire.RecentIds;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The last step of a notification listener's pipeline: once the outcome of a dispatch is known,
 * each of its notifications is acknowledged (its {@code _unique_id} remembered, so that a
 * duplicate is dropped) or, if an endpoint asked to requeue it and the listener allows that,
 * rejected back to its queue; once it has been requeued {@code maxRequeues} times it is rejected
 * without requeue (dropped, or dead-lettered if its queue has a dead-letter exchange).
 */
final class Acknowledgement {

	private static final Logger logger = LoggerFactory.getLogger(Acknowledgement.class);

	/** Null when the listener does not allow requeueing. */
	private final @Nullable RequeueCounter requeues;

	private final RecentIds recentIds;

	/** @param requeues how many times each notification was requeued; null if requeueing is not allowed */
	Acknowledgement(@Nullable RequeueCounter requeues, RecentIds recentIds) {
		this.requeues = requeues;
		this.recentIds = recentIds;
	}

	/** Settles a dispatched unit: acknowledges, or requeues those of the priorities in {@code requeued}. */
	void settle(List<Received> unit, Set<Priority> requeued) {
		RequeueCounter counter = this.requeues;
		for (Received received : unit) {
			if (counter != null && requeued.contains(received.notification().priority())) {
				requeueOrRefuse(received, counter);
			}
			else {
				acknowledge(received.delivery(), received.uniqueId());
				if (counter != null) {
					counter.forget(received.identity());
				}
			}
		}
	}

	void acknowledge(Delivery delivery, @Nullable String uniqueId) {
		try {
			delivery.ack();
			this.recentIds.add(uniqueId);
		}
		catch (RuntimeException ex) {
			logger.error("Failed to acknowledge a notification", ex);
		}
	}

	/** Gives a notification back to its queue, to be delivered again, maybe to another listener. */
	static void requeue(Delivery delivery) {
		try {
			delivery.reject(true);
		}
		catch (RuntimeException ex) {
			logger.error("Failed to requeue a notification", ex);
		}
	}

	private void requeueOrRefuse(Received received, RequeueCounter counter) {
		if (counter.mayRequeue(received.identity(), received.delivery().headers())) {
			requeue(received.delivery());
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

	/** A decoded notification and the delivery that carried it. */
	record Received(Delivery delivery, @Nullable String uniqueId, String identity,
			Notification<JsonNode> notification) {
	}

}
