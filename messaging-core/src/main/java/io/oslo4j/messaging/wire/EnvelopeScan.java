package io.oslo4j.messaging.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds the inner message of a plainly well-formed 2.0 envelope, {@code {"oslo.version": "2.0",
 * "oslo.message": "<printable ASCII JSON>"}} in either key order with any JSON spacing, and
 * unescapes it; anything else (another key, a duplicate, another version, a byte that is not
 * printable ASCII, a {@code \\u} escape above ASCII) is left to the tree reader.
 */
final class EnvelopeScan {

	private static final byte[] VERSION = ("\"" + Envelope.VERSION_KEY + "\"").getBytes(StandardCharsets.US_ASCII);

	private static final byte[] MESSAGE = ("\"" + Envelope.MESSAGE_KEY + "\"").getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TWO_ZERO = "\"2.0\"".getBytes(StandardCharsets.US_ASCII);

	private EnvelopeScan() {
	}

	/**
	 * Finds {@code oslo.message} in an envelope of exactly the two keys and unescapes it into
	 * {@code out}, which holds at least as many bytes as the body.
	 * @param maxStringLength the mapper's limit: a longer message is the tree reader's error
	 * @return the inner message's length in {@code out}, or -1 for anything else
	 */
	static int unescapeMessage(byte[] body, byte[] out, int maxStringLength) {
		int at = skipWhitespace(body, 0);
		if (at >= body.length || body[at++] != '{') {
			return -1;
		}
		boolean version = false;
		int length = -1;
		for (int key = 0; key < 2; key++) {
			at = skipWhitespace(body, at);
			if (key == 1) {
				if (at >= body.length || body[at++] != ',') {
					return -1;
				}
				at = skipWhitespace(body, at);
			}
			if (!version && startsWith(body, at, VERSION)) {
				at = colon(body, at + VERSION.length);
				if (at < 0 || !startsWith(body, at, TWO_ZERO)) {
					return -1;
				}
				at += TWO_ZERO.length;
				version = true;
			}
			else if (length < 0 && startsWith(body, at, MESSAGE)) {
				at = colon(body, at + MESSAGE.length);
				if (at < 0 || at >= body.length || body[at] != '"') {
					return -1;
				}
				long end = unescape(body, at + 1, out, maxStringLength);
				if (end < 0) {
					return -1;
				}
				at = (int) (end >>> 32);
				length = (int) end;
			}
			else {
				return -1;
			}
		}
		at = skipWhitespace(body, at);
		if (at >= body.length || body[at++] != '}') {
			return -1;
		}
		return (skipWhitespace(body, at) == body.length) ? length : -1;
	}

	/**
	 * Unescapes the envelope's string from {@code at} into {@code out}.
	 * @return the index after its closing quote (high half) and the unescaped length (low half), or
	 * -1 when the string is not printable ASCII JSON
	 */
	private static long unescape(byte[] body, int at, byte[] out, int maxStringLength) {
		int n = 0;
		int i = at;
		while (i < body.length) {
			byte b = body[i++];
			if (b == '"') {
				if (n >= maxStringLength) {
					return -1;
				}
				return ((long) i << 32) | n;
			}
			if (b < 0x20) {
				// a control character, or (as a negative byte) not ASCII: the tree reader decides
				return -1;
			}
			if (b == '\\') {
				if (i >= body.length) {
					return -1;
				}
				byte e = body[i++];
				switch (e) {
					case '"', '\\', '/' -> b = e;
					case 'b' -> b = '\b';
					case 'f' -> b = '\f';
					case 'n' -> b = '\n';
					case 'r' -> b = '\r';
					case 't' -> b = '\t';
					case 'u' -> {
						if (i + 4 > body.length) {
							return -1;
						}
						int value = 0;
						for (int j = i; j < i + 4; j++) {
							int digit = Character.digit(body[j], 16);
							if (digit < 0) {
								return -1;
							}
							value = (value << 4) | digit;
						}
						if (value >= 0x80) {
							return -1;
						}
						i += 4;
						b = (byte) value;
					}
					default -> {
						return -1;
					}
				}
			}
			out[n++] = b;
		}
		return -1;
	}

	private static int colon(byte[] body, int at) {
		at = skipWhitespace(body, at);
		if (at >= body.length || body[at] != ':') {
			return -1;
		}
		return skipWhitespace(body, at + 1);
	}

	private static boolean startsWith(byte[] body, int at, byte[] prefix) {
		return at + prefix.length <= body.length
				&& Arrays.equals(body, at, at + prefix.length, prefix, 0, prefix.length);
	}

	private static int skipWhitespace(byte[] body, int at) {
		while (at < body.length && isWhitespace(body[at])) {
			at++;
		}
		return at;
	}

	static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\n' || b == '\r' || b == '\t';
	}

}
