package io.oslo4j.messaging.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Short ASCII strings that come with every message (property names, methods, reply queues) as one
 * string instance each, looked up by their bytes: no string per key per message. A fixed table; a
 * collision replaces the entry (racy, but every entry is immutable).
 */
final class RecurringStrings {

	private static final int SIZE = 512;

	private static final int LONGEST = 64;

	private final @Nullable Name[] table = new Name[SIZE];

	String get(byte[] buf, int start, int length) {
		int hash = 0;
		for (int i = start; i < start + length; i++) {
			hash = 31 * hash + buf[i];
		}
		// spread, as HashMap does
		int index = (hash ^ (hash >>> 16)) & (SIZE - 1);
		Name name = this.table[index];
		if (name != null && Arrays.equals(name.bytes, 0, name.bytes.length, buf, start, start + length)) {
			return name.text;
		}
		String text = new String(buf, start, length, StandardCharsets.ISO_8859_1);
		if (length <= LONGEST) {
			this.table[index] = new Name(Arrays.copyOfRange(buf, start, start + length), text);
		}
		return text;
	}

	private record Name(byte[] bytes, String text) {
	}

}
