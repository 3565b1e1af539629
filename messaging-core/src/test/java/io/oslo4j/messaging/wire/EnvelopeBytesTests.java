package io.oslo4j.messaging.wire;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body written escaped in one pass ({@link InnerJsonWriter#inString}) is byte for byte the body
 * of the message written plain and then escaped in a second pass (as {@link EnvelopeBytes} did
 * before), and the body Jackson writes for the message's tree ({@link Envelope#wrap(ObjectNode)}).
 */
class EnvelopeBytesTests {

	private final Envelope envelope = new Envelope(WireLimits.defaults());

	private final JsonMapper mapper = this.envelope.mapper();

	private final JsonNodeFactory nodes = this.mapper.getNodeFactory();

	@ParameterizedTest
	@ValueSource(strings = { "", "plain", "a\"b", "\\", "\\\"", "\"\"\\\\", "\\u0041 is not an escape", "end\\",
			"\n\t\b\f\r", "\u0000\u0001\u001f\u007f", "caf\u00e9 \u20ac \u4e2d", "\ud83d\ude00 and \ud800 alone \udc00",
			"</script>\u2028\u2029" })
	void stringsWriteTheBodyOfTheirTree(String text) {
		assertSameBody(reply(this.nodes.stringNode(text)));
		ObjectNode args = this.nodes.objectNode();
		args.put(text, text);
		assertSameBody(new RpcRequest(text, args, null, null, "m1", "reply_" + text, 30.0, "u1",
				RequestContext.of(Map.of(text, text))));
	}

	@Test
	void nestedObjectsAndArraysWriteTheBodyOfTheirTree() {
		ObjectNode result = this.nodes.objectNode();
		result.putObject("a\"key").putArray("\\list").add("x\"y").add(1).addNull().addObject().put("\n", true);
		result.putArray("empty");
		result.putObject("none");
		result.putArray("deep").addArray().addArray().add("\u00e9\"\\");
		assertSameBody(reply(result));
	}

	@Test
	void nodesTheMapperWritesAreEscapedOnCopy() {
		assertSameBody(reply(this.nodes.pojoNode(List.of("a\"b\\c", 1, Map.of("k\"", "v\\")))));
		assertSameBody(reply(this.nodes.numberNode(1.25f)));
		assertSameBody(reply(this.nodes.numberNode(new BigDecimal("-1.50E+3"))));
		assertSameBody(reply(this.nodes.binaryNode(new byte[] { 0, 1, -1, '"', '\\' })));
		assertSameBody(reply(this.nodes.pojoNode(new RawValue("\"q\\\"b\\\\\""))));
	}

	@Test
	void mapperBytesThatAreNotPrintableAsciiTakeTheGenerator() {
		ObjectNode result = this.nodes.objectNode();
		result.put("before\"", "x\\\"\n\u00e9");
		result.putPOJO("raw", new RawValue("\"caf\u00e9 \\\"q\\\"\""));
		result.putPOJO("after", List.of("y\"\\", 2.5f));
		result.put("last\\", "\"");
		assertSameBody(reply(result));
		assertSameBody(reply(this.nodes.pojoNode(new RawValue("\"a\u0001b\""))));
		assertSameBody(reply(this.nodes.pojoNode(new RawValue("\"\ud83d\ude00\""))));
		RawValue nonAscii = new RawValue("\"\u00e9\"");
		ObjectNode args = this.nodes.objectNode();
		args.putPOJO("value", nonAscii);
		assertSameBody(new RpcRequest("m\"", args, null, null, "m1", "r", null, null,
				RequestContext.of(Map.of("k", List.of("\\\"", nonAscii)))));
	}

	@Test
	void theWriterTurnsBackToThePlainMessage() {
		JsonNode result = this.nodes.arrayNode().add("a\"\\\n").addPOJO(new RawValue("\"\u00e9\"")).add("b\"");
		InnerJsonWriter escaped = InnerJsonWriter.inString(this.mapper, new byte[4], "{\"head\":\"".getBytes(StandardCharsets.US_ASCII));
		escaped.tree(result);
		assertThat(escaped.escaped()).isFalse();
		assertThat(new String(escaped.bytes(), 0, escaped.size(), StandardCharsets.UTF_8))
			.isEqualTo(this.mapper.writeValueAsString(result));
	}

	@Test
	void anEmptyMessageIsTheEnvelopeOfAnEmptyString() {
		assertThat(EnvelopeBytes.write(this.mapper, (writer) -> {
		}, this.envelope::wrapText)).isEqualTo(this.envelope.wrapText(""));
		assertThat(EnvelopeBytes.write(this.mapper, (writer) -> {
			writer.startObject();
			writer.endObject();
		}, this.envelope::wrapText)).isEqualTo(this.envelope.wrap(this.nodes.objectNode()));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1023, 1024, 5000, 16 * 1024, 40_000 })
	void largeMessagesGrowTheBufferAndItsEscapes(int length) {
		String text = "ab\"c\\d\u00e9\n".repeat(length / 8 + 1).substring(0, length);
		assertSameBody(reply(this.nodes.stringNode(text)));
		assertSameBody(reply(this.nodes.stringNode("x".repeat(length))));
		ObjectNode result = this.nodes.objectNode();
		result.put("text", text);
		result.putPOJO("raw", new RawValue("\"\u00e9\""));
		assertSameBody(reply(result));
		// the thread's buffer after a large message (kept or replaced): a small one still writes right
		assertSameBody(reply(this.nodes.stringNode("small \"")));
	}

	@Test
	void aMessageWrittenWhileAnotherIsWrittenHasItsOwnBuffer() {
		RpcReply inner = reply(this.nodes.stringNode("inner \" \\"));
		byte[] body = EnvelopeBytes.write(this.mapper, (writer) -> {
			writer.startObject();
			writer.stringProperty("before", "\"");
			writer.stringProperty("nested", new String(this.envelope.wrap(inner), StandardCharsets.US_ASCII));
			writer.endObject();
		}, this.envelope::wrapText);
		ObjectNode tree = this.nodes.objectNode();
		tree.put("before", "\"");
		tree.put("nested", new String(this.envelope.wrap(inner.toJson(this.mapper)), StandardCharsets.US_ASCII));
		assertThat(body).isEqualTo(this.envelope.wrap(tree));
	}

	private RpcReply reply(JsonNode result) {
		return new RpcReply(result, null, true, "m1", "u1");
	}

	private void assertSameBody(RpcReply reply) {
		byte[] body = this.envelope.wrap(reply);
		assertThat(body).isEqualTo(this.envelope.wrap(reply.toJson(this.mapper)));
		assertThat(body).isEqualTo(twoPasses(reply::write));
	}

	private void assertSameBody(RpcRequest request) {
		byte[] body = this.envelope.wrap(request);
		assertThat(body).isEqualTo(this.envelope.wrap(request.toJson(this.mapper)));
		assertThat(body).isEqualTo(twoPasses(request::write));
	}

	/** The body as written before the writer escaped: the plain message, then a pass that escapes it. */
	private byte[] twoPasses(Consumer<InnerJsonWriter> message) {
		InnerJsonWriter writer = new InnerJsonWriter(this.mapper, new byte[1024]);
		message.accept(writer);
		byte[] body = escapedInEnvelope(writer.bytes(), writer.size());
		return (body != null) ? body
				: this.envelope.wrapText(new String(writer.bytes(), 0, writer.size(), StandardCharsets.UTF_8));
	}

	private static byte @Nullable [] escapedInEnvelope(byte[] message, int length) {
		StringBuilder body = new StringBuilder("{\"oslo.version\":\"2.0\",\"oslo.message\":\"");
		for (int i = 0; i < length; i++) {
			byte b = message[i];
			if (b < 0x20) {
				return null;
			}
			if (b == '"' || b == '\\') {
				body.append('\\');
			}
			body.append((char) b);
		}
		return body.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
	}

}
