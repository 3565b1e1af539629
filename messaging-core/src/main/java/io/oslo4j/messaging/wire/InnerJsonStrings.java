package io.oslo4j.messaging.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.oslo4j.messaging.wire.InnerJson.GiveUp;

/**
 * The strings and property names of an {@link InnerJson} message, read from its buffer: plain ASCII
 * without a decoding pass, escapes through the reader's per-thread char buffer, recurring text
 * through {@link RecurringStrings}. Static, on the reader's own state, so that a read costs no
 * more than it did inside the reader.
 */
final class InnerJsonStrings {

	/** Longer property names are left to the tree reader (and its name-length limit). */
	private static final int MAX_NAME_LENGTH = 1000;

	private static final RecurringStrings NAMES = new RecurringStrings();

	private InnerJsonStrings() {
	}

	/**
	 * Reads a string value.
	 * @param recurring whether the text repeats from message to message: the same instance for the
	 * same short text, as for property names
	 */
	static String readString(InnerJson json, boolean recurring) {
		json.expect('"');
		int start = json.pos;
		byte[] buf = json.buf;
		for (int i = start; i < json.length; i++) {
			byte b = buf[i];
			if (b == '"') {
				json.pos = i + 1;
				checkStringLength(json, i - start);
				// only ASCII reaches here: Latin-1 is the same text without a decoding pass
				return recurring ? NAMES.get(buf, start, i - start)
						: new String(buf, start, i - start, StandardCharsets.ISO_8859_1);
			}
			if (b == '\\' || b < 0x20) {
				return readEscapedString(json, start);
			}
		}
		throw GiveUp.INSTANCE;
	}

	/** A property name, the same instance for the same short name (no string per key per message). */
	static String readName(InnerJson json) {
		if (json.peek() != '"') {
			throw GiveUp.INSTANCE;
		}
		int start = json.pos + 1;
		for (int i = start; i < json.length; i++) {
			byte b = json.buf[i];
			if (b == '"') {
				if (i - start > MAX_NAME_LENGTH) {
					throw GiveUp.INSTANCE;
				}
				json.pos = i + 1;
				return NAMES.get(json.buf, start, i - start);
			}
			if (b == '\\' || b < 0x20) {
				String name = readString(json, false);
				if (name.length() > MAX_NAME_LENGTH) {
					throw GiveUp.INSTANCE;
				}
				return name;
			}
		}
		throw GiveUp.INSTANCE;
	}

	private static String readEscapedString(InnerJson json, int start) {
		int n = 0;
		int i = start;
		byte[] buf = json.buf;
		while (true) {
			if (i >= json.length) {
				throw GiveUp.INSTANCE;
			}
			byte b = buf[i++];
			if (b == '"') {
				break;
			}
			if (b < 0x20) {
				throw GiveUp.INSTANCE;
			}
			char c;
			if (b == '\\') {
				if (i >= json.length) {
					throw GiveUp.INSTANCE;
				}
				byte e = buf[i++];
				switch (e) {
					case '"', '\\', '/' -> c = (char) e;
					case 'b' -> c = '\b';
					case 'f' -> c = '\f';
					case 'n' -> c = '\n';
					case 'r' -> c = '\r';
					case 't' -> c = '\t';
					case 'u' -> {
						c = (char) hex4(json, buf, i);
						i += 4;
					}
					default -> throw GiveUp.INSTANCE;
				}
			}
			else {
				c = (char) b;
			}
			if (n == json.chars.length) {
				json.chars = Arrays.copyOf(json.chars, n * 2);
			}
			json.chars[n++] = c;
		}
		json.pos = i;
		checkStringLength(json, n);
		return new String(json.chars, 0, n);
	}

	private static int hex4(InnerJson json, byte[] buf, int at) {
		if (at + 4 > json.length) {
			throw GiveUp.INSTANCE;
		}
		int value = 0;
		for (int i = at; i < at + 4; i++) {
			int digit = Character.digit(buf[i], 16);
			if (digit < 0) {
				throw GiveUp.INSTANCE;
			}
			value = (value << 4) | digit;
		}
		return value;
	}

	private static void checkStringLength(InnerJson json, int chars) {
		if (chars >= json.maxStringLength) {
			throw GiveUp.INSTANCE;
		}
	}

}
