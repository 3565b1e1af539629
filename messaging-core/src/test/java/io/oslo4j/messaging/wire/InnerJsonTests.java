package io.oslo4j.messaging.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-place reader of the inner message ({@link InnerJson}, {@link RequestReader},
 * {@link ReplyReader}) reads what Python oslo.messaging 14.0.3 sends itself, and decodes every
 * message, regular or not, to exactly what the tree reader makes of it, or fails with the tree
 * reader's error.
 */
class InnerJsonTests {

	private static final String ENVELOPE = "{\"oslo.version\": \"2.0\", \"oslo.message\": %s}";

	private final Envelope envelope = new Envelope(WireLimits.defaults());

	private final JsonMapper mapper = this.envelope.mapper();

	@ParameterizedTest
	@MethodSource("capturedBodies")
	void capturedPythonMessagesAreReadInPlaceAsTheTreeReaderReadsThem(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		boolean request = body.contains("\\\"method\\\"");
		Object inPlace = request ? InnerJson.read(this.envelope, bytes, RequestReader::read)
				: InnerJson.read(this.envelope, bytes, ReplyReader::read);
		assertThat(inPlace).isNotNull().isEqualTo(request ? treeRequest(bytes) : treeReply(bytes));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"oslo.message\": %s, \"oslo.version\": \"2.0\"}",
			" \n{ \"oslo.version\" :\"2.0\" ,\t\"oslo.message\":%s } \r\n" })
	void envelopesInAnyKeyOrderAndSpacingAreReadInPlace(String envelope) {
		String inner = "{\"_unique_id\": \"u\", \"args\": {\"v\": [1, -2.5e3, true, null, {}]}, \"method\": \"m\", \"_context_user\": \"u1\"}";
		byte[] body = envelope.formatted(this.mapper.writeValueAsString(inner)).getBytes(StandardCharsets.UTF_8);
		assertThat(InnerJson.read(this.envelope, body, RequestReader::read)).isNotNull().isEqualTo(treeRequest(body));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"method\": \"a\", \"method\": \"b\", \"args\": {}}",
			"{\"method\": \"a\", \"args\": {\"x\": 1, \"x\": 2}}", "{\"method\": \"a\", \"_context_k\": 1, \"_context_k\": 2}",
			"{\"method\": \"a\", \"args\": {\"x\": NaN}}", "{\"method\": \"a\", \"_timeout\": Infinity}",
			"{\"method\": 1}", "{\"method\": \"a\", \"args\": [1]}", "{\"method\": \"a\"} x", "{\"method\": \"a\",}",
			"{\"method\": \"a\", \"args\": {\"x\": 01}}", "{\"method\": \"a\", \"args\": {\"x\": \"\\q\"}}" })
	void irregularRequestsAreLeftToTheTreeReader(String inner) {
		byte[] body = ENVELOPE.formatted(this.mapper.writeValueAsString(inner)).getBytes(StandardCharsets.UTF_8);
		assertThat(InnerJson.read(this.envelope, body, RequestReader::read)).isNull();
		assertSameOutcome(body, this::treeRequest, MessageType.REQUEST);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{}\", \"x\": 1}",
			"{\"oslo.version\": \"2.1\", \"oslo.message\": \"{}\"}", "{\"oslo.version\": \"2.0\", \"oslo.message\": {}}",
			"{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"\u00e9\\\"}\"}",
			"{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"\\u00e9\\\"}\"}",
			"{\"oslo.version\": \"2.0\", \"oslo.version\": \"2.0\", \"oslo.message\": \"{}\"}",
			"{\"method\": \"plain\", \"args\": {}}", "[]", "" })
	void irregularEnvelopesAreLeftToTheTreeReader(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		assertThat(InnerJson.read(this.envelope, bytes, RequestReader::read)).isNull();
		assertSameOutcome(bytes, this::treeRequest, MessageType.REQUEST);
	}

	@Test
	void invalidUtf8IsLeftToTheTreeReader() {
		byte[] body = ENVELOPE.formatted("\"{\\\"method\\\": \\\"x\\\"}\"").getBytes(StandardCharsets.UTF_8);
		body[body.length - 8] = (byte) 0xC3;
		assertThat(InnerJson.read(this.envelope, body, RequestReader::read)).isNull();
		assertSameOutcome(body, this::treeRequest, MessageType.REQUEST);
	}

	@Test
	void messagesNearTheLimitsAreLeftToTheTreeReader() {
		Envelope strict = new Envelope(WireLimits.defaults().withMaxNestingDepth(4).withMaxStringLength(64));
		String deep = "{\"method\": \"a\", \"args\": {\"x\": [[[1]]]}}";
		String longString = "{\"method\": \"a\", \"args\": {\"x\": \"" + "y".repeat(40) + "\"}}";
		for (String inner : List.of(deep, longString)) {
			byte[] body = ENVELOPE.formatted(this.mapper.writeValueAsString(inner)).getBytes(StandardCharsets.UTF_8);
			assertThat(InnerJson.read(strict, body, RequestReader::read)).isNull();
		}
	}

	@Test
	void anEnvelopeWithAMapperOfAnotherDialectReadsAndWritesTrees() {
		JsonMapper plain = JsonMapper.builder().build();
		Envelope other = new Envelope(plain, WireLimits.DEFAULT_MAX_BODY_BYTES);
		byte[] body = ENVELOPE.formatted(plain.writeValueAsString("{\"method\": \"m\", \"args\": {\"n\": 1, \"s\": \"\u00e9\"}}"))
			.getBytes(StandardCharsets.UTF_8);
		RpcRequest request = MessageType.REQUEST.decode(other, body, Envelope.CONTENT_TYPE, Map.of());
		assertThat(request.args().get("n")).isInstanceOf(IntNode.class);
		assertThat(other.wrap(request)).isEqualTo(other.wrap(request.toJson(plain)))
			.asString(StandardCharsets.UTF_8)
			.contains("\u00e9");
	}

	@Test
	void generatedRequestsDecodeAsTheTreeReaderDecodesThem() {
		Random random = new Random(16);
		int inPlace = 0;
		for (int i = 0; i < 3000; i++) {
			byte[] body = mutated(random, ENVELOPE.formatted(this.mapper.writeValueAsString(request(random))));
			if (InnerJson.read(this.envelope, body, RequestReader::read) != null) {
				inPlace++;
			}
			assertSameOutcome(body, this::treeRequest, MessageType.REQUEST);
		}
		assertThat(inPlace).as("messages read in place").isGreaterThan(400);
	}

	@Test
	void generatedRepliesDecodeAsTheTreeReaderDecodesThem() {
		Random random = new Random(17);
		int inPlace = 0;
		for (int i = 0; i < 3000; i++) {
			byte[] body = mutated(random, ENVELOPE.formatted(this.mapper.writeValueAsString(reply(random))));
			if (InnerJson.read(this.envelope, body, ReplyReader::read) != null) {
				inPlace++;
			}
			assertSameOutcome(body, this::treeReply, MessageType.REPLY);
		}
		assertThat(inPlace).as("messages read in place").isGreaterThan(400);
	}

	/** The decoded message, or the error's class and text, for both readers. */
	private <T> void assertSameOutcome(byte[] body, Function<byte[], T> tree, MessageType<T> type) {
		assertThat(outcome(() -> type.decode(this.envelope, body, Envelope.CONTENT_TYPE, Map.of())))
			.as(new String(body, StandardCharsets.UTF_8))
			.isEqualTo(outcome(() -> tree.apply(body)));
	}

	private static Object outcome(Supplier<?> decode) {
		try {
			return decode.get();
		}
		catch (RuntimeException ex) {
			return ex.getClass().getName() + ": " + ex.getMessage();
		}
	}

	private RpcRequest treeRequest(byte[] body) {
		return RpcRequest.fromJson(this.mapper, this.envelope.unwrap(body, Envelope.CONTENT_TYPE, Map.of()));
	}

	private RpcReply treeReply(byte[] body) {
		return RpcReply.fromJson(this.mapper, this.envelope.unwrap(body, Envelope.CONTENT_TYPE, Map.of()));
	}

	static List<String> capturedBodies() throws IOException {
		try (InputStream in = InnerJsonTests.class.getResourceAsStream("oslo-14.0.3-rpc-bodies.jsonl")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter((line) -> !line.isBlank()).toList();
		}
	}

	/** A request's inner text in Python's spacing, its keys in a random order, some of them odd. */
	private String request(Random random) {
		List<String> keys = new ArrayList<>();
		keys.add(property("method", oneOf(random, "\"echo\"", "\"m\\u00e9thode\"", "null", "\"a\\\"b\"", "1")));
		keys.add(property("args", oneOf(random, value(random, 3), "{}", "null", "{\"v\": " + value(random, 3) + "}")));
		if (random.nextBoolean()) {
			keys.add(property("namespace", oneOf(random, "\"ns1\"", "null", "[]")));
		}
		if (random.nextBoolean()) {
			keys.add(property("version", oneOf(random, "\"1.3\"", "null", "2.0")));
		}
		if (random.nextBoolean()) {
			keys.add(property("_msg_id", oneOf(random, "\"" + MessageIds.newHexId() + "\"", "7", "null")));
			keys.add(property("_reply_q", oneOf(random, "\"reply_1\"", "{\"q\": 1}", "null")));
			keys.add(property("_timeout", oneOf(random, "null", "30", "2.5", "-0.0", "1e2", "NaN", "\"30\"", "0.1")));
		}
		keys.add(property("_unique_id", oneOf(random, "\"" + MessageIds.newHexId() + "\"", "null", "[1]")));
		int context = random.nextInt(5);
		for (int i = 0; i < context; i++) {
			keys.add(property("_context_" + oneOf(random, "user_id", "roles", "is_admin", "n", "\\u00e9", ""),
					value(random, 2)));
		}
		if (random.nextInt(10) == 0) {
			keys.add(property("other", value(random, 3)));
		}
		Collections.shuffle(keys, random);
		return "{" + String.join(", ", keys) + "}";
	}

	private String reply(Random random) {
		List<String> keys = new ArrayList<>();
		keys.add(property("result", value(random, 3)));
		if (random.nextInt(8) != 0) {
			keys.add(property("failure", oneOf(random, "null", "null", "\"{\\\"class\\\": \\\"ValueError\\\"}\"", "{\"class\": \"X\"}")));
		}
		if (random.nextInt(8) != 0) {
			keys.add(property("ending", oneOf(random, "true", "false", "true", "1", "\"true\"")));
		}
		if (random.nextInt(10) != 0) {
			keys.add(property("_msg_id", oneOf(random, "\"" + MessageIds.newHexId() + "\"", "\"" + MessageIds.newHexId() + "\"", "5")));
		}
		keys.add(property("_unique_id", oneOf(random, "\"" + MessageIds.newHexId() + "\"", "null")));
		if (random.nextInt(10) == 0) {
			keys.add(property("extra", value(random, 2)));
		}
		Collections.shuffle(keys, random);
		return "{" + String.join(", ", keys) + "}";
	}

	private static String property(String name, String value) {
		return "\"" + name + "\": " + value;
	}

	/** A JSON value of up to {@code depth} levels, with the numbers, strings and escapes peers send. */
	private static String value(Random random, int depth) {
		int kind = random.nextInt((depth > 0) ? 9 : 7);
		return switch (kind) {
			case 0 -> oneOf(random, "\"x\"", "\"\"", "\"caf\\u00e9\"", "\"tab\\there\"", "\"q\\\"uote\\\\\"", "\"\\ud83d\\ude00\"",
					"\"\\ud800\"", "\"/\\/\"");
			case 1 -> oneOf(random, "0", "-0", "7", "-12", "123456789012345678", "1234567890123456789012", "9223372036854775808");
			case 2 -> oneOf(random, "1.5", "-0.0", "0.1", "3.14159265358979", "2.5e-3", "1E400", "1e-400",
					"0.30000000000000004", "123456789.123456789", "1.7976931348623157e308");
			case 3 -> "true";
			case 4 -> "false";
			case 5 -> "null";
			case 6 -> oneOf(random, "NaN", "-Infinity", "\"" + "y".repeat(random.nextInt(300)) + "\"");
			case 7 -> {
				List<String> items = new ArrayList<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					items.add(value(random, depth - 1));
				}
				yield "[" + String.join(", ", items) + "]";
			}
			default -> {
				List<String> items = new ArrayList<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					items.add(property(oneOf(random, "a", "b", "c", "\\u00e9", "d\\\"e"), value(random, depth - 1)));
				}
				yield "{" + String.join(", ", items) + "}";
			}
		};
	}

	/** The body, and one time in five a copy cut short or with one byte changed. */
	private static byte[] mutated(Random random, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		switch (random.nextInt(10)) {
			case 0 -> {
				return Arrays.copyOf(bytes, random.nextInt(bytes.length));
			}
			case 1 -> {
				byte[] odd = { '{', '}', '[', ']', ',', ':', '"', '\\', ' ', '0', 'a', (byte) 0xC3, (byte) 0xA9, 1 };
				bytes[random.nextInt(bytes.length)] = odd[random.nextInt(odd.length)];
				return bytes;
			}
			default -> {
				return bytes;
			}
		}
	}

	@SafeVarargs
	private static <T> T oneOf(Random random, T... choices) {
		return choices[random.nextInt(choices.length)];
	}

}
