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
 */
final class InnerJsonWriter {

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private final JsonMapper mapper;

	private byte[] buf;

	private int size;

	/** Whether the last token written needs a comma before the next value, per open container. */
	private boolean comma;

	InnerJsonWriter(JsonMapper mapper, byte[] buf) {
		this.mapper = mapper;
		this.buf = buf;
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
		this.buf[this.size++] = '"';
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
		put('"');
	}

	private void escape(char c) {
		ensure(6);
		byte[] buf = this.buf;
		buf[this.size++] = '\\';
		switch (c) {
			case '"', '\\' -> buf[this.size++] = (byte) c;
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

	private void raw(byte[] bytes) {
		ensure(bytes.length);
		System.arraycopy(bytes, 0, this.buf, this.size, bytes.length);
		this.size += bytes.length;
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
