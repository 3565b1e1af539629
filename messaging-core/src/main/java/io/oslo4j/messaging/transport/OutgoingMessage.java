package io.oslo4j.messaging.transport;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A message to publish: its encoded body and the two publish settings that vary between oslo
 * messages. Every message is otherwise published alike: content type {@code application/json},
 * encoding {@code utf-8}, persistent, priority 0, an empty header table.
 *
 * @param body the encoded body
 * @param expiration the per-message TTL (call requests only: oslo sets it to the call's timeout),
 * or null for none
 * @param mandatory whether the broker must return the message when no queue takes it
 * @since 0.1
 */
public record OutgoingMessage(byte[] body, @Nullable Duration expiration, boolean mandatory) {

	/** A message with no expiration that may be dropped if unroutable. */
	public static OutgoingMessage of(byte[] body) {
		return new OutgoingMessage(body, null, false);
	}

}
