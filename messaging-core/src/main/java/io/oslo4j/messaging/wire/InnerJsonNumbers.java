package io.oslo4j.messaging.wire;

import java.nio.charset.StandardCharsets;

import io.oslo4j.messaging.wire.InnerJson.GiveUp;

/**
 * The numbers of an {@link InnerJson} message: scanned strictly as JSON's grammar has them and
 * converted as Jackson converts them, without a string where the digits allow. Static, on the
 * reader's own state, so that a read costs no more than it did inside the reader.
 */
final class InnerJsonNumbers {

	/** Longer numbers are left to the tree reader (and its number-length limit). */
	private static final int MAX_NUMBER_LENGTH = 100;

	private static final double[] POWERS_OF_TEN = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
			1e12, 1e13, 1e14, 1e15 };

	private InnerJsonNumbers() {
	}

	/** Reads a number as a double, as Jackson's {@code getDoubleValue} has it. */
	static double readDouble(InnerJson json) {
		int start = json.pos;
		scanNumber(json);
		return toDouble(json, start, json.pos - start);
	}

	/**
	 * The double of a scanned number, correctly rounded as {@link Double#parseDouble} has it: without
	 * a string where the number has at most 15 digits and no exponent (both its digits and the power
	 * of ten are then exact doubles, and one division rounds correctly).
	 */
	static double toDouble(InnerJson json, int start, int length) {
		byte[] buf = json.buf;
		boolean negative = buf[start] == '-';
		long mantissa = 0;
		int digits = 0;
		int fraction = -1;
		for (int i = negative ? start + 1 : start; i < start + length; i++) {
			byte b = buf[i];
			if (b == '.') {
				fraction = 0;
			}
			else if (b >= '0' && b <= '9' && digits < 15) {
				mantissa = mantissa * 10 + (b - '0');
				digits++;
				if (fraction >= 0) {
					fraction++;
				}
			}
			else {
				return Double.parseDouble(new String(buf, start, length, StandardCharsets.ISO_8859_1));
			}
		}
		double value = (fraction > 0) ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
		return negative ? -value : value;
	}

	/** Moves past a JSON number, strictly as the grammar has it; true when it has no fraction or exponent. */
	static boolean scanNumber(InnerJson json) {
		int start = json.pos;
		if (json.peek() == '-') {
			json.pos++;
		}
		byte b = json.peek();
		if (b == '0') {
			json.pos++;
		}
		else if (b >= '1' && b <= '9') {
			digits(json);
		}
		else {
			// NaN, Infinity and anything else
			throw GiveUp.INSTANCE;
		}
		boolean integral = true;
		if (json.pos < json.length && json.buf[json.pos] == '.') {
			json.pos++;
			requireDigit(json);
			digits(json);
			integral = false;
		}
		if (json.pos < json.length && (json.buf[json.pos] == 'e' || json.buf[json.pos] == 'E')) {
			json.pos++;
			if (json.peek() == '+' || json.peek() == '-') {
				json.pos++;
			}
			requireDigit(json);
			digits(json);
			integral = false;
		}
		if (json.pos - start > MAX_NUMBER_LENGTH) {
			throw GiveUp.INSTANCE;
		}
		return integral;
	}

	private static void requireDigit(InnerJson json) {
		byte b = json.peek();
		if (b < '0' || b > '9') {
			throw GiveUp.INSTANCE;
		}
	}

	private static void digits(InnerJson json) {
		while (json.pos < json.length && json.buf[json.pos] >= '0' && json.buf[json.pos] <= '9') {
			json.pos++;
		}
	}

}
