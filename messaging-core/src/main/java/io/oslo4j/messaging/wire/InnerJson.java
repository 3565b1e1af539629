package io.oslo4j.messaging.wire;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

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
 *
 * <p>This class holds the per-thread state, the cursor and the scalar reads; strings
 * ({@link InnerJsonStrings}), numbers ({@link InnerJsonNumbers}) and trees ({@link InnerJsonTrees})
 * are read by static methods on that state, in files of their own.
 */
final class InnerJson {

	/** A buffer grown beyond this is not kept for the thread's next message. */
	private static final int KEPT = 64 * 1024;

	private static final ThreadLocal<InnerJson> CURRENT = ThreadLocal.withInitial(InnerJson::new);

	// the state below is read and moved by InnerJsonStrings, InnerJsonNumbers and InnerJsonTrees too

	/** The inner message's bytes, {@code [0, this.length)}. */
	byte[] buf = new byte[1024];

	/** The unescaped text of an escaped string. */
	char[] chars = new char[256];

	int length;

	int pos;

	int maxDepth;

	int maxStringLength;

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
			json.maxDepth = Math.min(InnerJsonTrees.MAX_DEPTH, limits.getMaxNestingDepth() - 1);
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
		String name = InnerJsonStrings.readName(this);
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
		return InnerJsonStrings.readString(this, false);
	}

	/**
	 * Reads a string value that repeats from message to message (a method, a version, a reply
	 * queue): the same instance for the same short text, as for property names.
	 */
	String readRecurringString() {
		return InnerJsonStrings.readString(this, true);
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
		return InnerJsonNumbers.readDouble(this);
	}

	/** Reads any value as the tree Jackson would read; {@code depth} is the depth of the value's container. */
	JsonNode readNode(int depth) {
		return InnerJsonTrees.readNode(this, depth);
	}

	/** Reads and drops any value, with the checks of {@link #readNode}. */
	void skipValue(int depth) {
		InnerJsonTrees.readNode(this, depth);
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

	void expect(char c) {
		if (next() != c) {
			throw GiveUp.INSTANCE;
		}
	}

	byte next() {
		if (this.pos >= this.length) {
			throw GiveUp.INSTANCE;
		}
		return this.buf[this.pos++];
	}

	byte peek() {
		if (this.pos >= this.length) {
			throw GiveUp.INSTANCE;
		}
		return this.buf[this.pos];
	}

	void skipWhitespace() {
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
