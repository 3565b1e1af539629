package io.oslo4j.messaging.wire;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers in oslo's formats: {@code _msg_id} and {@code _unique_id} are a version-4 UUID as 32
 * lower-case hex digits; a notification's {@code message_id} is a dashed UUID. They need to be
 * unique, not unguessable, so they come from a thread-local generator rather than a contended
 * secure one.
 *
 * @since 0.1
 */
public final class MessageIds {

	private MessageIds() {
	}

	/** A fresh 32-hex-digit identifier, as {@code uuid.uuid4().hex}. */
	public static String newHexId() {
		UUID uuid = newUuid();
		return hex16(uuid.getMostSignificantBits()) + hex16(uuid.getLeastSignificantBits());
	}

	/** A fresh dashed UUID, as {@code str(uuid.uuid4())}. */
	public static String newDashedId() {
		return newUuid().toString();
	}

	private static UUID newUuid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

	private static String hex16(long bits) {
		String hex = Long.toHexString(bits);
		return (hex.length() == 16) ? hex : "0".repeat(16 - hex.length()) + hex;
	}

}
