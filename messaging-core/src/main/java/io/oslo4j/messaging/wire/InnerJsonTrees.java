package io.oslo4j.messaging.wire;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

import io.oslo4j.messaging.wire.InnerJson.GiveUp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The values of an {@link InnerJson} message that become trees (arguments, context values), built
 * with the mapper's node factory as Jackson's tree reader builds them with oslo's dialect: integers
 * as {@code BigIntegerNode}, other numbers as {@code DoubleNode}. Static, on the reader's own state,
 * so that a read costs no more than it did inside the reader.
 */
final class InnerJsonTrees {

	/** Deeper values are left to the tree reader (and its depth limit). */
	static final int MAX_DEPTH = 64;

	private InnerJsonTrees() {
	}

	/** Reads any value as the tree Jackson would read; {@code depth} is the depth of the value's container. */
	static JsonNode readNode(InnerJson json, int depth) {
		byte b = json.peek();
		switch (b) {
			case '"':
				return json.nodes().stringNode(json.readString());
			case '{':
				return readObject(json, depth + 1);
			case '[':
				return readArray(json, depth + 1);
			case 't':
			case 'f':
				return json.nodes().booleanNode(json.readBoolean());
			case 'n':
				json.readNull();
				return json.nodes().nullNode();
			default:
				return readNumber(json);
		}
	}

	private static ObjectNode readObject(InnerJson json, int depth) {
		checkDepth(json, depth);
		json.expect('{');
		// most objects of a message have a few keys: a small table, grown as any map grows
		ObjectNode node = new ObjectNode(json.nodes(), new LinkedHashMap<>(4));
		boolean first = true;
		for (String name = json.nextName(true); name != null; name = json.nextName(first)) {
			first = false;
			if (node.replace(name, readNode(json, depth)) != null) {
				// a duplicate key: the tree keeps the last in the first's place; let it
				throw GiveUp.INSTANCE;
			}
		}
		return node;
	}

	private static ArrayNode readArray(InnerJson json, int depth) {
		checkDepth(json, depth);
		json.expect('[');
		ArrayNode node = json.nodes().arrayNode();
		json.skipWhitespace();
		if (json.peek() == ']') {
			json.pos++;
			return node;
		}
		while (true) {
			json.skipWhitespace();
			node.add(readNode(json, depth));
			json.skipWhitespace();
			byte b = json.next();
			if (b == ']') {
				return node;
			}
			if (b != ',') {
				throw GiveUp.INSTANCE;
			}
		}
	}

	private static JsonNode readNumber(InnerJson json) {
		int start = json.pos;
		boolean integral = InnerJsonNumbers.scanNumber(json);
		int length = json.pos - start;
		byte[] buf = json.buf;
		if (integral) {
			int digits = length - ((buf[start] == '-') ? 1 : 0);
			if (digits <= 18) {
				long value = 0;
				for (int i = start + length - digits; i < start + length; i++) {
					value = value * 10 + (buf[i] - '0');
				}
				return json.nodes().numberNode(BigInteger.valueOf((buf[start] == '-') ? -value : value));
			}
			return json.nodes().numberNode(new BigInteger(new String(buf, start, length, StandardCharsets.ISO_8859_1)));
		}
		return json.nodes().numberNode(InnerJsonNumbers.toDouble(json, start, length));
	}

	private static void checkDepth(InnerJson json, int depth) {
		if (depth > json.maxDepth) {
			throw GiveUp.INSTANCE;
		}
	}

}
