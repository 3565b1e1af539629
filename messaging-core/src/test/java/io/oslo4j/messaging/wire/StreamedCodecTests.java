package io.oslo4j.messaging.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request or reply streamed from its text decodes to exactly what the tree reader makes of the
 * same message, for plain messages and for those the stream hands over to the tree reader; and one
 * written without a tree has the bytes of the tree written.
 */
class StreamedCodecTests {

	private final Envelope envelope = new Envelope(WireLimits.defaults());

	@ParameterizedTest
	@ValueSource(strings = { "{\"method\": \"echo\", \"args\": {\"value\": \"x\"}, \"_msg_id\": \"m1\", \"_reply_q\": \"reply_1\", \"_timeout\": null, \"_unique_id\": \"u1\"}",
			"{\"method\": \"echo\", \"args\": {\"value\": [1, 2.5]}, \"namespace\": \"ns\", \"version\": \"1.2\", \"_msg_id\": \"m1\", \"_reply_q\": \"reply_1\", \"_timeout\": 30, \"_unique_id\": \"u1\", \"_context_user\": \"u\", \"_context_is_admin\": true, \"_context_roles\": [\"a\", \"b\"], \"_context_n\": 3, \"_context_f\": 1.5, \"_context_none\": null, \"_context_obj\": {\"k\": 1}}",
			"{\"method\": \"cast_me\", \"args\": null, \"other\": {\"nested\": [1]}}",
			"{\"method\": \"a\", \"method\": \"b\", \"_context_k\": 1, \"_context_k\": \"two\", \"args\": {}}",
			"{\"method\": \"a\", \"_msg_id\": 7, \"_reply_q\": {\"q\": 1}, \"_timeout\": NaN}" })
	void requestsDecodeAsTheTreeReaderDecodesThem(String message) {
		assertThat(MessageType.REQUEST.decode(this.envelope, enveloped(message), Envelope.CONTENT_TYPE, Map.of()))
			.isEqualTo(RpcRequest.fromJson(this.envelope.mapper(), this.envelope.mapper().readValue(message,
					tools.jackson.databind.node.ObjectNode.class)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"result\": \"x\", \"failure\": null, \"ending\": true, \"_msg_id\": \"m1\", \"_unique_id\": \"u1\"}",
			"{\"result\": {\"a\": [1, null]}, \"ending\": false, \"_msg_id\": \"m1\"}",
			"{\"result\": null, \"failure\": {\"class\": \"X\"}, \"ending\": true, \"_msg_id\": \"m1\", \"_unique_id\": 5}",
			"{\"failure\": \"{}\", \"ending\": 1, \"_msg_id\": \"m1\", \"extra\": [1]}" })
	void repliesDecodeAsTheTreeReaderDecodesThem(String message) {
		assertThat(MessageType.REPLY.decode(this.envelope, enveloped(message), Envelope.CONTENT_TYPE, Map.of()))
			.isEqualTo(RpcReply.fromJson(this.envelope.mapper(), this.envelope.mapper().readValue(message,
					tools.jackson.databind.node.ObjectNode.class)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"method\": \"echo\", \"args\": {\"value\": \"x\\u00e9\"}, \"_msg_id\": \"m1\", \"_reply_q\": \"reply_1\", \"_timeout\": null, \"_unique_id\": \"u1\"}",
			"{\"method\": \"echo\", \"args\": {\"value\": [1, 2.5, NaN]}, \"namespace\": \"ns\", \"version\": \"1.2\", \"_msg_id\": \"m1\", \"_reply_q\": \"reply_1\", \"_timeout\": 30, \"_unique_id\": \"u1\", \"_context_user\": \"u\", \"_context_is_admin\": true, \"_context_roles\": [\"a\", \"b\"], \"_context_n\": 3, \"_context_f\": 1.5, \"_context_none\": null, \"_context_obj\": {\"k\": 1}}",
			"{\"method\": null, \"args\": {}}" })
	void requestsWriteTheBytesOfTheirTree(String message) {
		RpcRequest request = RpcRequest.fromJson(this.envelope.mapper(),
				this.envelope.mapper().readValue(message, tools.jackson.databind.node.ObjectNode.class));
		assertThat(this.envelope.wrap(request)).isEqualTo(this.envelope.wrap(request.toJson(this.envelope.mapper())));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"result\": \"x\", \"failure\": null, \"ending\": true, \"_msg_id\": \"m1\", \"_unique_id\": \"u1\"}",
			"{\"result\": {\"a\": [1, null, 1e400]}, \"ending\": false, \"_msg_id\": \"m1\"}",
			"{\"failure\": \"{\\\"class\\\": \\\"X\\\"}\", \"ending\": true, \"_msg_id\": \"m1\", \"_unique_id\": \"u\"}" })
	void repliesWriteTheBytesOfTheirTree(String message) {
		RpcReply reply = RpcReply.fromJson(this.envelope.mapper(),
				this.envelope.mapper().readValue(message, tools.jackson.databind.node.ObjectNode.class));
		assertThat(this.envelope.wrap(reply)).isEqualTo(this.envelope.wrap(reply.toJson(this.envelope.mapper())));
	}

	@Test
	void generatedMessagesWriteTheBytesOfTheirTree() {
		Random random = new Random(16);
		JsonMapper mapper = this.envelope.mapper();
		for (int i = 0; i < 2000; i++) {
			ObjectNode args = mapper.createObjectNode();
			for (int n = random.nextInt(4); n > 0; n--) {
				args.set(text(random), node(random, 3));
			}
			Map<String, @Nullable Object> context = new LinkedHashMap<>();
			for (int n = random.nextInt(5); n > 0; n--) {
				context.put(text(random), contextValue(random));
			}
			RpcRequest request = new RpcRequest(random.nextBoolean() ? text(random) : null, args,
					random.nextBoolean() ? text(random) : null, random.nextBoolean() ? "1.3" : null,
					random.nextBoolean() ? MessageIds.newHexId() : null, random.nextBoolean() ? text(random) : null,
					random.nextBoolean() ? random.nextDouble() * 100 : null, random.nextBoolean() ? MessageIds.newHexId() : null,
					RequestContext.of(context));
			assertThat(this.envelope.wrap(request)).isEqualTo(this.envelope.wrap(request.toJson(mapper)));
			RpcReply reply = new RpcReply(node(random, 3), random.nextBoolean() ? text(random) : null, random.nextBoolean(),
					text(random), MessageIds.newHexId());
			assertThat(this.envelope.wrap(reply)).isEqualTo(this.envelope.wrap(reply.toJson(mapper)));
		}
	}

	/** Text of any UTF-16 code units: ASCII, control characters, quotes, non-ASCII, lone surrogates. */
	private static String text(Random random) {
		StringBuilder text = new StringBuilder();
		for (int n = random.nextInt(12); n > 0; n--) {
			switch (random.nextInt(4)) {
				case 0 -> text.append((char) random.nextInt(0x80));
				case 1 -> text.append("\"\\/\u007f\n\t\b\f\r\u0000".charAt(random.nextInt(10)));
				case 2 -> text.append((char) random.nextInt(0x10000));
				default -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
			}
		}
		return text.toString();
	}

	private JsonNode node(Random random, int depth) {
		JsonNodeFactory nodes = this.envelope.mapper().getNodeFactory();
		return switch (random.nextInt((depth > 0) ? 14 : 12)) {
			case 0 -> nodes.stringNode(text(random));
			case 1 -> nodes.numberNode(random.nextInt());
			case 2 -> nodes.numberNode(random.nextLong());
			case 3 -> nodes.numberNode(new BigInteger(100, random).negate());
			case 4 -> nodes.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
			case 5 -> nodes.numberNode(new double[] { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
					1e20, 1e-7, Double.MIN_VALUE, Double.MAX_VALUE }[random.nextInt(8)]);
			case 6 -> nodes.numberNode(random.nextFloat());
			case 7 -> nodes.numberNode(new BigDecimal("1.50"));
			case 8 -> nodes.booleanNode(random.nextBoolean());
			case 9 -> nodes.nullNode();
			case 10 -> nodes.binaryNode(new byte[] { 1, 2, (byte) random.nextInt() });
			case 11 -> nodes.pojoNode(List.of(text(random), 1));
			case 12 -> {
				ArrayNode array = nodes.arrayNode();
				for (int n = random.nextInt(4); n > 0; n--) {
					array.add(node(random, depth - 1));
				}
				yield array;
			}
			default -> {
				ObjectNode object = nodes.objectNode();
				for (int n = random.nextInt(4); n > 0; n--) {
					object.set(text(random), node(random, depth - 1));
				}
				yield object;
			}
		};
	}

	private static @Nullable Object contextValue(Random random) {
		return switch (random.nextInt(7)) {
			case 0 -> text(random);
			case 1 -> random.nextBoolean();
			case 2 -> null;
			case 3 -> List.of(text(random), text(random));
			case 4 -> Map.of(text(random), random.nextInt());
			case 5 -> random.nextDouble();
			default -> BigInteger.valueOf(random.nextLong());
		};
	}

	private byte[] enveloped(String message) {
		return this.envelope.mapper()
			.writeValueAsString(Map.of("oslo.version", "2.0", "oslo.message", message))
			.getBytes(StandardCharsets.UTF_8);
	}

}
