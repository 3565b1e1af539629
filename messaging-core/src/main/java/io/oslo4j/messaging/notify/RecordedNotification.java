package io.oslo4j.messaging.notify;

import io.oslo4j.messaging.RequestContext;

import tools.jackson.databind.node.ObjectNode;

/**
 * A notification that the {@code test} driver kept: what oslo's {@code TestDriver} appends to
 * {@code NOTIFICATIONS}, {@code (ctxt, message, priority, retry)}.
 *
 * @param context the context as it would be sent: serialized and filtered to oslo's whitelist
 * @param message the message: {@code message_id}, {@code publisher_id}, {@code event_type},
 * {@code priority}, {@code payload} and {@code timestamp}
 * @param priority the priority it was sent at
 * @param retry the notifier's retry setting: -1 without end, 0 never
 * @since 0.2
 */
public record RecordedNotification(RequestContext context, ObjectNode message, Priority priority, int retry) {

	/** The {@code event_type} of the message. */
	public String eventType() {
		return this.message.get("event_type").asString();
	}

}
