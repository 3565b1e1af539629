package io.oslo4j.messaging.wire;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The envelope around an inner message written as bytes, in one copy: the bytes Jackson writes
 * for {@code {"oslo.version": "2.0", "oslo.message": <the message as a string>}}, where a message
 * of printable ASCII (what oslo's JSON dialect writes: non-ASCII is escaped) needs only its quotes
 * and backslashes escaped. Anything else is left to the generator.
 */
final class EnvelopeBytes {

	private static final byte[] HEAD = ("{\"" + Envelope.VERSION_KEY + "\":\"2.0\",\"" + Envelope.MESSAGE_KEY + "\":\"")
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

	private EnvelopeBytes() {
	}

	/**
	 * The body, or null when the message holds a byte that is not printable ASCII.
	 * @param message the inner message's JSON bytes, the first {@code length} of them
	 */
	static byte @Nullable [] wrap(byte[] message, int length) {
		int escapes = 0;
		for (int i = 0; i < length; i++) {
			byte b = message[i];
			if (b < 0x20) {
				// a control character, or (as a negative byte) not ASCII
				return null;
			}
			if (b == '"' || b == '\\') {
				escapes++;
			}
		}
		byte[] body = new byte[HEAD.length + length + escapes + TAIL.length];
		System.arraycopy(HEAD, 0, body, 0, HEAD.length);
		int at = HEAD.length;
		if (escapes == 0) {
			System.arraycopy(message, 0, body, at, length);
			at += length;
		}
		else {
			for (int i = 0; i < length; i++) {
				byte b = message[i];
				if (b == '"' || b == '\\') {
					body[at++] = '\\';
				}
				body[at++] = b;
			}
		}
		System.arraycopy(TAIL, 0, body, at, TAIL.length);
		return body;
	}

}
