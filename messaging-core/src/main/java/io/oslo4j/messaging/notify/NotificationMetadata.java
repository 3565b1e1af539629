package io.oslo4j.messaging.notify;

import java.time.Instant;

import io.oslo4j.messaging.wire.NotificationMessage;

import org.jspecify.annotations.Nullable;

/**
 * The metadata oslo hands a notification endpoint besides the payload: the notification's
 * {@code message_id} and {@code timestamp}, as sent (either may be missing from an odd sender).
 *
 * @param messageId the notification's id, a dashed UUID; the same in every topic it was sent to
 * @param timestamp when it was sent, {@code YYYY-MM-DD HH:MM:SS.ffffff} in UTC
 * @since 0.1
 */
public record NotificationMetadata(@Nullable String messageId, @Nullable String timestamp) {

	/** The {@link #timestamp()} as an instant, or null when it is missing or not in oslo's format. */
	public @Nullable Instant instant() {
		return (this.timestamp != null) ? NotificationMessage.parseTimestamp(this.timestamp) : null;
	}

}
