package io.oslo4j.messaging.wire;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The inner message of a plainly well-formed 2.0 envelope, unescaped by {@link EnvelopeScan} into
 * a per-thread buffer and read there, without a Jackson parser or deserialization context per
 * message: what every oslo peer sends, {@code {"oslo.version": "2.0", "oslo.message": "<printable
 * ASCII JSON>"}}. The readers of requests and replies take its values one property at a time.
 *
 * <p>It reads JSON strictly and only the JSON it is sure to read as Jackson would: anything else
 * (another envelope key, non-ASCII bytes or {@code \\u} escapes above ASCII in the envelope,
 * {@code NaN}, duplicate keys, nesting or lengths near a {@link WireLimits} limit, invalid JSON)
 * makes the reader give up, and the tree reader then decides the message with its errors. Values
 * that become trees are built with the mapper's node factory, the nodes Jackson's tree reader makes
 * with oslo's dialect (integers as {@code BigIntegerNode}, other numbers as {@code DoubleNode}).
 */
final class InnerJson {

	/** Deeper values are left to the tree reader (and its depth limit). */
	private static final int MAX_DEPTH = 64;

	/** Longer numbers are left to the tree reader (and its number-length limit). */
	private static final int MAX_NUMBER_LENGTH = 100;

	/** Longer property names are left to the tree reader (and its name-length limit). */
	private static final int MAX_NAME_LENGTH = 1000;

	/** A buffer grown beyond this is not kept for the thread's next message. */
	private static final int KEPT = 64 * 1024;

	private static final double[] POWERS_OF_TEN = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
			1e12, 1e13, 1e14, 1e15 };

	private static final ThreadLocal<InnerJson> CURRENT = ThreadLocal.withInitial(InnerJson::new);

	private static final RecurringStrings NAMES = new RecurringStrings();

	/** The inner message's bytes, {@code [0, this.length)}. */
	private byte[] buf = new byte[1024];

	private char[] chars = new char[256];

	private int length;

	private int pos;

	private int maxDepth;

	private int maxStringLength;

	private @Nullable Envelope envelope;

	/** Whether a read on this thread holds it. */
	private boolean inUse;

	private InnerJson() {
	}

	/**
	 * Reads the inner message of {@code body} with {@code reader}.
	 * @return what the reader made of it, or null when the body is not plainly well-formed or the
	 * reader gave up: the tree reader must decide
	 */
	static <T> @Nullable T read(Envelope envelope, byte[] body, Function<InnerJson, @Nullable T> reader) {
		InnerJson json = CURRENT.get();
		if (json.inUse) {
			json = new InnerJson();
		}
		json.inUse = true;
		try {
			StreamReadConstraints limits = envelope.mapper().tokenStreamFactory().streamReadConstraints();
			json.envelope = envelope;
			json.maxDepth = Math.min(MAX_DEPTH, limits.getMaxNestingDepth() - 1);
			json.maxStringLength = limits.getMaxStringLength();
			if (json.buf.length < body.length) {
				json.buf = new byte[Math.max(body.length, json.buf.length * 2)];
			}
			json.length = EnvelopeScan.unescapeMessage(body, json.buf, json.maxStringLength);
			if (json.length < 0) {
				return null;
			}
			json.pos = 0;
			T message = reader.apply(json);
			if (message != null) {
				json.skipWhitespace();
				if (json.pos != json.length) {
					return null;
				}
			}
			return message;
		}
		catch (GiveUp ex) {
			return null;
		}
		finally {
			json.envelope = null;
			json.inUse = false;
			if (json.buf.length > KEPT) {
				json.buf = new byte[1024];
			}
			if (json.chars.length > KEPT) {
				json.chars = new char[256];
			}
		}
	}

	Envelope envelope() {
		return requireEnvelope();
	}

	JsonNodeFactory nodes() {
		return requireEnvelope().mapper().getNodeFactory();
	}

	/** Reads the start of the message's object. */
	void beginObject() {
		skipWhitespace();
		expect('{');
	}

	/**
	 * The next property's name, positioned on its value, or null at the end of the object.
	 * @param first whether no property of this object has been read yet
	 */
	@Nullable String nextName(boolean first) {
		skipWhitespace();
		byte b = peek();
		if (b == '}') {
			this.pos++;
			return null;
		}
		if (!first) {
			expect(',');
			skipWhitespace();
		}
		String name = readName();
		skipWhitespace();
		expect(':');
		skipWhitespace();
		return name;
	}

	boolean isString() {
		return peek() == '"';
	}

	boolean isNull() {
		return peek() == 'n';
	}

	boolean isTrue() {
		return peek() == 't';
	}

	boolean isFalse() {
		return peek() == 'f';
	}

	boolean isNumber() {
		byte b = peek();
		return b == '-' || (b >= '0' && b <= '9');
	}

	boolean isObject() {
		return peek() == '{';
	}

	/** Reads a string value. */
	String readString() {
		return readString(false);
	}

	/**
	 * Reads a string value that repeats from message to message (a method, a version, a reply
	 * queue): the same instance for the same short text, as for property names.
	 */
	String readRecurringString() {
		return readString(true);
	}

	private String readString(boolean recurring) {
		expect('"');
		int start = this.pos;
		byte[] buf = this.buf;
		for (int i = start; i < this.length; i++) {
			byte b = buf[i];
			if (b == '"') {
				this.pos = i + 1;
				checkStringLength(i - start);
				// only ASCII reaches here: Latin-1 is the same text without a decoding pass
				return recurring ? NAMES.get(buf, start, i - start)
						: new String(buf, start, i - start, StandardCharsets.ISO_8859_1);
			}
			if (b == '\\' || b < 0x20) {
				return readEscapedString(start);
			}
		}
		throw GiveUp.INSTANCE;
	}

	/** Reads a literal {@code null}. */
	void readNull() {
		literal("null");
	}

	/** Reads a literal {@code true} or {@code false}. */
	boolean readBoolean() {
		if (isTrue()) {
			literal("true");
			return true;
		}
		literal("false");
		return false;
	}

	/** Reads a number as a double, as Jackson's {@code getDoubleValue} has it. */
	double readDouble() {
		int start = this.pos;
		scanNumber();
		return toDouble(start, this.pos - start);
	}

	/**
	 * The double of a scanned number, correctly rounded as {@link Double#parseDouble} has it: without
	 * a string where the number has at most 15 digits and no exponent (both its digits and the power
	 * of ten are then exact doubles, and one division rounds correctly).
	 */
	private double toDouble(int start, int length) {
		boolean negative = this.buf[start] == '-';
		long mantissa = 0;
		int digits = 0;
		int fraction = -1;
		for (int i = negative ? start + 1 : start; i < start + length; i++) {
			byte b = this.buf[i];
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
				return Double.parseDouble(new String(this.buf, start, length, StandardCharsets.ISO_8859_1));
			}
		}
		double value = (fraction > 0) ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
		return negative ? -value : value;
	}

	/** Reads any value as the tree Jackson would read; {@code depth} is the depth of the value's container. */
	JsonNode readNode(int depth) {
		byte b = peek();
		switch (b) {
			case '"':
				return nodes().stringNode(readString());
			case '{':
				return readObject(depth + 1);
			case '[':
				return readArray(depth + 1);
			case 't':
			case 'f':
				return nodes().booleanNode(readBoolean());
			case 'n':
				readNull();
				return nodes().nullNode();
			default:
				return readNumber();
		}
	}

	/** Reads and drops any value, with the checks of {@link #readNode}. */
	void skipValue(int depth) {
		readNode(depth);
	}

	private ObjectNode readObject(int depth) {
		checkDepth(depth);
		expect('{');
		// most objects of a message have a few keys: a small table, grown as any map grows
		ObjectNode node = new ObjectNode(nodes(), new LinkedHashMap<>(4));
		boolean first = true;
		for (String name = nextName(true); name != null; name = nextName(first)) {
			first = false;
			if (node.replace(name, readNode(depth)) != null) {
				// a duplicate key: the tree keeps the last in the first's place; let it
				throw GiveUp.INSTANCE;
			}
		}
		return node;
	}

	private ArrayNode readArray(int depth) {
		checkDepth(depth);
		expect('[');
		ArrayNode node = nodes().arrayNode();
		skipWhitespace();
		if (peek() == ']') {
			this.pos++;
			return node;
		}
		while (true) {
			skipWhitespace();
			node.add(readNode(depth));
			skipWhitespace();
			byte b = next();
			if (b == ']') {
				return node;
			}
			if (b != ',') {
				throw GiveUp.INSTANCE;
			}
		}
	}

	private JsonNode readNumber() {
		int start = this.pos;
		boolean integral = scanNumber();
		int length = this.pos - start;
		if (integral) {
			int digits = length - ((this.buf[start] == '-') ? 1 : 0);
			if (digits <= 18) {
				long value = 0;
				for (int i = start + length - digits; i < start + length; i++) {
					value = value * 10 + (this.buf[i] - '0');
				}
				return nodes().numberNode(BigInteger.valueOf((this.buf[start] == '-') ? -value : value));
			}
			return nodes().numberNode(new BigInteger(new String(this.buf, start, length, StandardCharsets.ISO_8859_1)));
		}
		return nodes().numberNode(toDouble(start, length));
	}

	/** Moves past a JSON number, strictly as the grammar has it; true when it has no fraction or exponent. */
	private boolean scanNumber() {
		int start = this.pos;
		if (peek() == '-') {
			this.pos++;
		}
		byte b = peek();
		if (b == '0') {
			this.pos++;
		}
		else if (b >= '1' && b <= '9') {
			digits();
		}
		else {
			// NaN, Infinity and anything else
			throw GiveUp.INSTANCE;
		}
		boolean integral = true;
		if (this.pos < this.length && this.buf[this.pos] == '.') {
			this.pos++;
			requireDigit();
			digits();
			integral = false;
		}
		if (this.pos < this.length && (this.buf[this.pos] == 'e' || this.buf[this.pos] == 'E')) {
			this.pos++;
			if (peek() == '+' || peek() == '-') {
				this.pos++;
			}
			requireDigit();
			digits();
			integral = false;
		}
		if (this.pos - start > MAX_NUMBER_LENGTH) {
			throw GiveUp.INSTANCE;
		}
		return integral;
	}

	private void requireDigit() {
		byte b = peek();
		if (b < '0' || b > '9') {
			throw GiveUp.INSTANCE;
		}
	}

	private void digits() {
		while (this.pos < this.length && this.buf[this.pos] >= '0' && this.buf[this.pos] <= '9') {
			this.pos++;
		}
	}

	/** A property name, the same instance for the same short name (no string per key per message). */
	private String readName() {
		if (peek() != '"') {
			throw GiveUp.INSTANCE;
		}
		int start = this.pos + 1;
		for (int i = start; i < this.length; i++) {
			byte b = this.buf[i];
			if (b == '"') {
				if (i - start > MAX_NAME_LENGTH) {
					throw GiveUp.INSTANCE;
				}
				this.pos = i + 1;
				return NAMES.get(this.buf, start, i - start);
			}
			if (b == '\\' || b < 0x20) {
				String name = readString();
				if (name.length() > MAX_NAME_LENGTH) {
					throw GiveUp.INSTANCE;
				}
				return name;
			}
		}
		throw GiveUp.INSTANCE;
	}

	private String readEscapedString(int start) {
		int n = 0;
		int i = start;
		byte[] buf = this.buf;
		while (true) {
			if (i >= this.length) {
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
				if (i >= this.length) {
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
						c = (char) hex4(buf, i);
						i += 4;
					}
					default -> throw GiveUp.INSTANCE;
				}
			}
			else {
				c = (char) b;
			}
			if (n == this.chars.length) {
				this.chars = Arrays.copyOf(this.chars, n * 2);
			}
			this.chars[n++] = c;
		}
		this.pos = i;
		checkStringLength(n);
		return new String(this.chars, 0, n);
	}

	private int hex4(byte[] buf, int at) {
		if (at + 4 > this.length) {
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

	private void checkStringLength(int chars) {
		if (chars >= this.maxStringLength) {
			throw GiveUp.INSTANCE;
		}
	}

	private void checkDepth(int depth) {
		if (depth > this.maxDepth) {
			throw GiveUp.INSTANCE;
		}
	}

	private void literal(String text) {
		if (this.pos + text.length() > this.length) {
			throw GiveUp.INSTANCE;
		}
		for (int i = 0; i < text.length(); i++) {
			if (this.buf[this.pos + i] != text.charAt(i)) {
				throw GiveUp.INSTANCE;
			}
		}
		this.pos += text.length();
	}

	private void expect(char c) {
		if (next() != c) {
			throw GiveUp.INSTANCE;
		}
	}

	private byte next() {
		if (this.pos >= this.length) {
			throw GiveUp.INSTANCE;
		}
		return this.buf[this.pos++];
	}

	private byte peek() {
		if (this.pos >= this.length) {
			throw GiveUp.INSTANCE;
		}
		return this.buf[this.pos];
	}

	private void skipWhitespace() {
		while (this.pos < this.length && EnvelopeScan.isWhitespace(this.buf[this.pos])) {
			this.pos++;
		}
	}

	private Envelope requireEnvelope() {
		Envelope envelope = this.envelope;
		if (envelope == null) {
			throw new IllegalStateException("InnerJson used outside read");
		}
		return envelope;
	}

	/** Thrown, without a stack trace, where the reader gives up: the tree reader must decide. */
	static final class GiveUp extends RuntimeException {

		private static final long serialVersionUID = 1L;

		static final GiveUp INSTANCE = new GiveUp();

		private GiveUp() {
			super("not a plainly well-formed message", null, false, false);
		}

	}

}
