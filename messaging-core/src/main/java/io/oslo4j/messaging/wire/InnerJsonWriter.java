package io.oslo4j.messaging.wire;

import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BigIntegerNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

/**
 * Writes an inner message as the bytes the mapper's generator writes for it (compact, non-ASCII
 * and control characters escaped as {@code \\uXXXX} with upper-case digits, the five short
 * escapes, bare {@code NaN} and {@code Infinity}, doubles as {@link Double#toString}), without a
 * generator and its serialization context per message. Trees of the common node types are written
 * here; any other node (a POJO, binary, a float, a decimal) is written by the mapper.
 *
 * <p>A writer made {@link #inString} writes those bytes already escaped as the characters of a JSON
 * string (the envelope's {@code oslo.message}): each {@code "} and {@code \} it writes (the
 * backslashes of its own escapes among them) is preceded by a {@code \}. Everything else it writes is printable ASCII
 * and goes in as is, except what the mapper writes: when that holds a byte that is not printable
 * ASCII, the writer turns back to plain JSON ({@link #escaped()} is then false) and the envelope is
 * left to the generator.
 */
final class InnerJsonWriter {

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private final JsonMapper mapper;

	private byte[] buf;

	private int size;

	/** Where the message starts in the buffer: after the head of a writer made {@link #inString}. */
	private final int start;

	/** Whether the bytes written are escaped as a JSON string's characters (see {@link #inString}). */
	private boolean escaped;

	/** Whether the last token written needs a comma before the next value, per open container. */
	private boolean comma;

	/** A writer of the message as plain JSON, from the start of {@code buf}. */
	InnerJsonWriter(JsonMapper mapper, byte[] buf) {
		this(mapper, buf, 0);
	}

	private InnerJsonWriter(JsonMapper mapper, byte[] buf, int start) {
		this.mapper = mapper;
		this.buf = buf;
		this.start = start;
		this.size = start;
	}

	/**
	 * A writer that writes {@code head} as is, then the message escaped as the characters of a JSON
	 * string, as long as it stays {@link #escaped()}.
	 */
	static InnerJsonWriter inString(JsonMapper mapper, byte[] buf, byte[] head) {
		InnerJsonWriter writer = new InnerJsonWriter(mapper, buf, head.length);
		writer.ensure(0); // room for the head: the size starts after it
		System.arraycopy(head, 0, writer.buf, 0, head.length);
		writer.escaped = true;
		return writer;
	}

	JsonMapper mapper() {
		return this.mapper;
	}

	byte[] bytes() {
		return this.buf;
	}

	int size() {
		return this.size;
	}

	/**
	 * Whether the bytes are the head and the message escaped: false for a plain writer, and for one
	 * made {@link #inString} once the mapper wrote a byte that is not printable ASCII (the bytes are
	 * then the plain message, from the start of the buffer, without the head).
	 */
	boolean escaped() {
		return this.escaped;
	}

	/** Appends bytes as they are, unescaped (the envelope's tail). */
	void verbatim(byte[] bytes) {
		ensure(bytes.length);
		System.arraycopy(bytes, 0, this.buf, this.size, bytes.length);
		this.size += bytes.length;
	}

	void startObject() {
		separate();
		put('{');
		this.comma = false;
	}

	void endObject() {
		put('}');
		this.comma = true;
	}

	void name(String name) {
		separate();
		string(name);
		put(':');
		this.comma = false;
	}

	void stringProperty(String name, @Nullable String value) {
		name(name);
		if (value != null) {
			separate();
			string(value);
			this.comma = true;
		}
		else {
			nullValue();
		}
	}

	void booleanProperty(String name, boolean value) {
		name(name);
		booleanValue(value);
	}

	void numberProperty(String name, double value) {
		name(name);
		number(value);
	}

	void nullProperty(String name) {
		name(name);
		nullValue();
	}

	void stringValue(String value) {
		separate();
		string(value);
		this.comma = true;
	}

	void booleanValue(boolean value) {
		separate();
		ascii(value ? "true" : "false");
		this.comma = true;
	}

	void nullValue() {
		separate();
		ascii("null");
		this.comma = true;
	}

	void number(double value) {
		separate();
		// NaN and Infinity bare (WRITE_NAN_AS_STRINGS is off), as Double.toString spells them
		ascii(Double.toString(value));
		this.comma = true;
	}

	/** Writes a tree as the generator's {@code writeTree} would. */
	void tree(JsonNode node) {
		if (node instanceof StringNode text) {
			stringValue(text.stringValue());
		}
		else if (node.isObject()) {
			startObject();
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				name(property.getKey());
				tree(property.getValue());
			}
			endObject();
		}
		else if (node.isArray()) {
			separate();
			put('[');
			this.comma = false;
			for (JsonNode element : node.values()) {
				tree(element);
			}
			put(']');
			this.comma = true;
		}
		else if (node instanceof NullNode) {
			nullValue();
		}
		else if (node instanceof BooleanNode bool) {
			booleanValue(bool.booleanValue());
		}
		else if (node instanceof BigIntegerNode || node instanceof IntNode || node instanceof LongNode) {
			separate();
			ascii(node.numberValue().toString());
			this.comma = true;
		}
		else if (node instanceof DoubleNode) {
			number(node.doubleValue());
		}
		else {
			separate();
			raw(this.mapper.writeValueAsBytes(node));
			this.comma = true;
		}
	}

	private void separate() {
		if (this.comma) {
			put(',');
		}
	}

	private void string(String text) {
		int length = text.length();
		ensure(length + 2);
		quote();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
				if (this.size == this.buf.length) {
					ensure(1);
				}
				this.buf[this.size++] = (byte) c;
			}
			else {
				escape(c);
			}
		}
		quote();
	}

	/** A string's quote, escaped in a writer that escapes. */
	private void quote() {
		ensure(2);
		if (this.escaped) {
			this.buf[this.size++] = '\\';
		}
		this.buf[this.size++] = '"';
	}

	/** An escape in a string; in a writer that escapes, each of its backslashes and quotes escaped in turn. */
	private void escape(char c) {
		ensure(7);
		byte[] buf = this.buf;
		boolean escaped = this.escaped;
		buf[this.size++] = '\\';
		if (escaped) {
			buf[this.size++] = '\\';
		}
		switch (c) {
			case '"', '\\' -> {
				if (escaped) {
					buf[this.size++] = '\\';
				}
				buf[this.size++] = (byte) c;
			}
			case '\b' -> buf[this.size++] = 'b';
			case '\t' -> buf[this.size++] = 't';
			case '\n' -> buf[this.size++] = 'n';
			case '\f' -> buf[this.size++] = 'f';
			case '\r' -> buf[this.size++] = 'r';
			default -> {
				buf[this.size++] = 'u';
				buf[this.size++] = HEX[(c >> 12) & 0xF];
				buf[this.size++] = HEX[(c >> 8) & 0xF];
				buf[this.size++] = HEX[(c >> 4) & 0xF];
				buf[this.size++] = HEX[c & 0xF];
			}
		}
	}

	private void ascii(String text) {
		int length = text.length();
		ensure(length);
		for (int i = 0; i < length; i++) {
			this.buf[this.size++] = (byte) text.charAt(i);
		}
	}

	/** Bytes the mapper wrote: in a writer that escapes, escaped on copy, or the end of escaping. */
	private void raw(byte[] bytes) {
		if (this.escaped && !printableAscii(bytes)) {
			unescape();
		}
		if (!this.escaped) {
			verbatim(bytes);
			return;
		}
		ensure(2 * bytes.length);
		byte[] buf = this.buf;
		int at = this.size;
		for (byte b : bytes) {
			if (b == '"' || b == '\\') {
				buf[at++] = '\\';
			}
			buf[at++] = b;
		}
		this.size = at;
	}

	private static boolean printableAscii(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0x20) {
				// a control character, or (as a negative byte) not ASCII
				return false;
			}
		}
		return true;
	}

	/**
	 * Turns what is written so far back into the plain message, moved to the start of the buffer
	 * over the head: every {@code \} written escapes the byte after it.
	 */
	private void unescape() {
		byte[] buf = this.buf;
		int to = 0;
		for (int from = this.start; from < this.size; from++) {
			if (buf[from] == '\\') {
				from++;
			}
			buf[to++] = buf[from];
		}
		this.size = to;
		this.escaped = false;
	}

	private void put(char c) {
		ensure(1);
		this.buf[this.size++] = (byte) c;
	}

	private void ensure(int more) {
		if (this.size + more > this.buf.length) {
			this.buf = Arrays.copyOf(this.buf, Math.max(this.buf.length * 2, this.size + more));
		}
	}

}
