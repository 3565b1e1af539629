package io.oslo4j.messaging.wire;

import java.nio.charset.StandardCharsets;
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

	private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

	private MessageIds() {
	}

	/** A fresh 32-hex-digit identifier, as {@code uuid.uuid4().hex}. */
	public static String newHexId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		byte[] hex = new byte[32];
		hex16(mostSignificantBits(random), hex, 0);
		hex16(leastSignificantBits(random), hex, 16);
		return new String(hex, StandardCharsets.ISO_8859_1);
	}

	/** A fresh dashed UUID, as {@code str(uuid.uuid4())}. */
	public static String newDashedId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new UUID(mostSignificantBits(random), leastSignificantBits(random)).toString();
	}

	/** The high bits of a version-4 UUID. */
	private static long mostSignificantBits(ThreadLocalRandom random) {
		return (random.nextLong() & ~0xF000L) | 0x4000L;
	}

	/** The low bits of a version-4 (IETF variant) UUID. */
	private static long leastSignificantBits(ThreadLocalRandom random) {
		return (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
	}

	/** The 16 lower-case hex digits of {@code bits}, zero-padded, at {@code offset}: no intermediate strings. */
	private static void hex16(long bits, byte[] hex, int offset) {
		for (int i = 15; i >= 0; i--) {
			hex[offset + i] = DIGITS[(int) (bits & 0xF)];
			bits >>>= 4;
		}
	}

}
