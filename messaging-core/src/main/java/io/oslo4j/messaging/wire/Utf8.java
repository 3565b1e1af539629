package io.oslo4j.messaging.wire;

/**
 * The UTF-8 length of a string without encoding it, for the size limit of an inner message that
 * is parsed from the string itself.
 */
final class Utf8 {

	private Utf8() {
	}

	/**
	 * The number of bytes {@code text} takes in UTF-8 ({@link String#getBytes} with UTF-8 writes as
	 * many), or its length in characters when even three bytes each would stay within
	 * {@code limit}: then the exact figure is not needed.
	 */
	static long length(String text, int limit) {
		int chars = text.length();
		if ((long) chars * 3 <= limit) {
			return chars;
		}
		long bytes = 0;
		for (int i = 0; i < chars; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (pairAt(text, i)) {
				bytes += 4;
				i++;
			}
			else if (Character.isSurrogate(c)) {
				// unpaired: encoded as '?'
				bytes++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	private static boolean pairAt(String text, int i) {
		return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
				&& Character.isLowSurrogate(text.charAt(i + 1));
	}

}
