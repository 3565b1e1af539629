package io.oslo4j.messaging.transport.memory;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A message held by the in-memory broker. {@code expiresAt} is a {@link System#nanoTime()} deadline. */
record StoredMessage(byte[] body, Map<String, Object> headers, @Nullable Long expiresAt, boolean redelivered) {

	boolean isExpired(long now) {
		return this.expiresAt != null && now - this.expiresAt >= 0;
	}

	StoredMessage asRedelivered() {
		return new StoredMessage(this.body, this.headers, null, true);
	}

}
