package io.oslo4j.messaging.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;

import io.oslo4j.messaging.RequestContext;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The wire format against bytes captured from oslo.messaging 14.0.3 on RabbitMQ
 * (shared/reference/oslo-wire-samples.md).
 */
class WireFormatTests {

	private static final String CAPTURED_CALL = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"echo\\\", "
			+ "\\\"args\\\": {\\\"value\\\": \\\"hi\\\"}, \\\"_msg_id\\\": \\\"4f6d003f03e84aba97d76ba1b9bdf4b4\\\", "
			+ "\\\"_reply_q\\\": \\\"reply_1807019c9ae74ff6af2e47959fb11df9\\\", \\\"_timeout\\\": null, "
			+ "\\\"_unique_id\\\": \\\"ba0d69630ed144729673766c00e73a1b\\\", \\\"_context_user_id\\\": \\\"u1\\\", "
			+ "\\\"_context_project_id\\\": \\\"p1\\\", \\\"_context_request_id\\\": \\\"req-42\\\"}\"}";

	private static final String CAPTURED_FAILURE_REPLY = "{\"oslo.version\": \"2.0\", \"oslo.message\": "
			+ "\"{\\\"result\\\": null, \\\"failure\\\": \\\"{\\\\\\\"class\\\\\\\": \\\\\\\"ValueError\\\\\\\", "
			+ "\\\\\\\"module\\\\\\\": \\\\\\\"builtins\\\\\\\", \\\\\\\"message\\\\\\\": \\\\\\\"boom\\\\\\\", "
			+ "\\\\\\\"tb\\\\\\\": [\\\\\\\"Traceback (most recent call last):\\\\\\\\n\\\\\\\"], "
			+ "\\\\\\\"args\\\\\\\": [\\\\\\\"boom\\\\\\\"], \\\\\\\"kwargs\\\\\\\": {}}\\\", \\\"ending\\\": true, "
			+ "\\\"_msg_id\\\": \\\"39fcac69626247bbb2f15d2dce7b10e5\\\", \\\"_unique_id\\\": \\\"7278aa\\\"}\"}";

	private final JsonMapper mapper = WireJson.mapper();

	private final Envelope envelope = new Envelope(this.mapper, 1024 * 1024);

	@Test
	void aCapturedPythonCallDecodesWithItsContextAndControlKeys() {
		RpcRequest request = decodeRequest(CAPTURED_CALL);
		assertThat(request.method()).isEqualTo("echo");
		assertThat(request.args().get("value").asString()).isEqualTo("hi");
		assertThat(request.msgId()).isEqualTo("4f6d003f03e84aba97d76ba1b9bdf4b4");
		assertThat(request.replyQueue()).isEqualTo("reply_1807019c9ae74ff6af2e47959fb11df9");
		assertThat(request.callMonitorTimeout()).isNull();
		assertThat(request.uniqueId()).isEqualTo("ba0d69630ed144729673766c00e73a1b");
		assertThat(request.namespace()).isNull();
		assertThat(request.version()).isNull();
		assertThat(request.context().asMap())
			.containsExactly(Map.entry("user_id", "u1"), Map.entry("project_id", "p1"), Map.entry("request_id", "req-42"));
	}

	@Test
	void aCallIsEncodedWithOslosKeysInOslosOrderInsideAStringEnvelope() {
		RpcRequest request = new RpcRequest("echo", args(Map.of("arg", "hello")), null, "1.2",
				"8b56e7d649c24079a3c7c63b858ffd6d", "reply_d038", null, "f21ebd77", RequestContext.of(Map.of("user_id", "u1")));
		JsonNode outer = this.mapper.readTree(this.envelope.wrap(request.toJson(this.mapper)));
		assertThat(outer.get("oslo.version").asString()).isEqualTo("2.0");
		assertThat(outer.get("oslo.message").isString()).isTrue();
		JsonNode inner = this.mapper.readTree(outer.get("oslo.message").asString());
		assertThat(inner.propertyNames()).containsExactly("method", "args", "version", "_msg_id", "_reply_q", "_timeout",
				"_unique_id", "_context_user_id");
		assertThat(inner.get("_timeout").isNull()).isTrue();
	}

	@Test
	void aCastCarriesNoReplyKeys() {
		RpcRequest cast = new RpcRequest("castme", args(Map.of("x", 1)), null, null, null, null, null, "e5c6",
				RequestContext.empty());
		assertThat(cast.toJson(this.mapper).propertyNames()).containsExactly("method", "args", "_unique_id");
		assertThat(cast.isCall()).isFalse();
	}

	@Test
	void aReplyAlwaysCarriesFailureAndEnding() {
		ObjectNode reply = RpcReply.success("abc", this.mapper.getNodeFactory().numberNode(3)).toJson(this.mapper);
		assertThat(reply.propertyNames()).containsExactly("result", "failure", "ending", "_msg_id", "_unique_id");
		assertThat(reply.get("failure").isNull()).isTrue();
		assertThat(reply.get("ending").asBoolean()).isTrue();
		assertThat(reply.get("_unique_id").asString()).hasSize(32).matches("[0-9a-f]+");
	}

	@Test
	void aHeartbeatHasNoResultNoFailureAndDoesNotEnd() {
		RpcReply heartbeat = RpcReply.heartbeat("abc");
		assertThat(heartbeat.isHeartbeat()).isTrue();
		assertThat(heartbeat.toJson(this.mapper).get("ending").asBoolean()).isFalse();
	}

	@Test
	void aFailureIsAJsonStringInsideTheReplyInsideTheEnvelope() {
		RemoteFailure failure = RemoteFailure.of(this.mapper, "ValueError", "builtins", "boom", List.of("tb line\n"));
		byte[] body = this.envelope.wrap(RpcReply.failure(this.mapper, "m1", failure).toJson(this.mapper));
		JsonNode inner = this.mapper.readTree(this.mapper.readTree(body).get("oslo.message").asString());
		assertThat(inner.get("failure").isString()).isTrue();
		JsonNode decoded = this.mapper.readTree(inner.get("failure").asString());
		assertThat(decoded.propertyNames()).containsExactly("class", "module", "message", "tb", "args", "kwargs");
		assertThat(decoded.get("args").get(0).asString()).isEqualTo("boom");
	}

	@Test
	void aCapturedPythonFailureDecodes() {
		RpcReply reply = RpcReply.fromJson(this.mapper,
				this.envelope.unwrap(utf8(CAPTURED_FAILURE_REPLY), Envelope.CONTENT_TYPE, Map.of()));
		assertThat(reply.ending()).isTrue();
		RemoteFailure failure = RemoteFailure.parse(this.mapper, reply.failure());
		assertThat(failure.className()).isEqualTo("ValueError");
		assertThat(failure.module()).isEqualTo("builtins");
		assertThat(failure.message()).isEqualTo("boom");
		assertThat(failure.traceback()).containsExactly("Traceback (most recent call last):\n");
	}

	@Test
	void aReplyWithoutEndingDoesNotEnd() {
		ObjectNode reply = this.mapper.createObjectNode().put("_msg_id", "m").putNull("result").putNull("failure");
		assertThat(RpcReply.fromJson(this.mapper, reply).ending()).isFalse();
	}

	@Test
	void aFailureSentAsAnObjectStillReachesTheCaller() {
		ObjectNode reply = this.mapper.createObjectNode().put("_msg_id", "m").put("ending", true);
		reply.putObject("failure").put("class", "KeyError").put("module", "builtins").put("message", "k");
		RpcReply decoded = RpcReply.fromJson(this.mapper, reply);
		assertThat(RemoteFailure.parse(this.mapper, decoded.failure()).className()).isEqualTo("KeyError");
	}

	@Test
	void anUnenvelopedMessageIsTakenAsIs() {
		ObjectNode inner = this.envelope.unwrap(utf8("{\"method\": \"echo\", \"args\": {}}"), Envelope.CONTENT_TYPE, Map.of());
		assertThat(inner.get("method").asString()).isEqualTo("echo");
	}

	@Test
	void envelopeVersionsOtherThanTwoPointZeroAreRefused() {
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> this.envelope.unwrap(utf8("{\"oslo.version\": \"2.1\", \"oslo.message\": \"{}\"}"),
					Envelope.CONTENT_TYPE, Map.of()))
			.withMessageContaining("2.1");
	}

	@Test
	void anOsloMessageThatIsNotAStringIsRefused() {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.envelope
			.unwrap(utf8("{\"oslo.version\": \"2.0\", \"oslo.message\": {}}"), Envelope.CONTENT_TYPE, Map.of()));
	}

	@Test
	void onlyTheExactJsonContentTypeIsAccepted() {
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> this.envelope.unwrap(utf8("{}"), "application/json; charset=utf-8", Map.of()));
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> this.envelope.unwrap(utf8("{}"), null, Map.of()));
	}

	@Test
	void nonJsonAndNonObjectBodiesAreRefused() {
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> this.envelope.unwrap(utf8("not json"), Envelope.CONTENT_TYPE, Map.of()));
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> this.envelope.unwrap(utf8("[1, 2]"), Envelope.CONTENT_TYPE, Map.of()));
	}

	@Test
	void aBodyOverTheLimitIsRefusedBeforeParsing() {
		Envelope small = new Envelope(this.mapper, 16);
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> small.unwrap(utf8("{\"method\": \"echo\", \"args\": {}}"), Envelope.CONTENT_TYPE, Map.of()))
			.withMessageContaining("limit");
	}

	@Test
	void deeplyNestedJsonIsRefused() {
		Envelope strict = new Envelope(WireJson.create(10, 1000), 1024 * 1024);
		String nested = "{\"a\":".repeat(50) + "1" + "}".repeat(50);
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> strict.unwrap(utf8(nested), Envelope.CONTENT_TYPE, Map.of()));
	}

	@Test
	void aZlibCompressedBodyIsInflatedFirst() throws Exception {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (DeflaterOutputStream out = new DeflaterOutputStream(compressed)) {
			out.write(utf8(CAPTURED_CALL));
		}
		ObjectNode inner = this.envelope.unwrap(compressed.toByteArray(), Envelope.CONTENT_TYPE,
				Map.of("compression", "application/x-gzip"));
		assertThat(inner.get("method").asString()).isEqualTo("echo");
	}

	@Test
	void pythonsNanInfinityAndBigIntegersAreRead() {
		ObjectNode inner = this.envelope.unwrap(utf8("{\"a\": NaN, \"b\": Infinity, \"c\": 123456789012345678901234567890}"),
				Envelope.CONTENT_TYPE, Map.of());
		assertThat(inner.get("a").asDouble()).isNaN();
		assertThat(inner.get("b").asDouble()).isInfinite();
		assertThat(inner.get("c").bigIntegerValue()).hasToString("123456789012345678901234567890");
	}

	@Test
	void nonAsciiTextIsEscapedAsPythonDoes() {
		byte[] body = this.envelope.plain(this.mapper.createObjectNode().put("v", "héllo ☃"));
		for (byte b : body) {
			assertThat(b).isNotNegative();
		}
		assertThat(this.mapper.readTree(body).get("v").asString()).isEqualTo("héllo ☃");
	}

	@Test
	void wronglyTypedFieldsOfACallStillNameWhereToReply() {
		ObjectNode inner = this.mapper.createObjectNode().put("method", "echo").put("args", "not an object")
			.put("_msg_id", "m1").put("_reply_q", "reply_x");
		assertThatExceptionOfType(MalformedRequestException.class).isThrownBy(() -> RpcRequest.fromJson(this.mapper, inner))
			.satisfies((ex) -> {
				assertThat(ex.canReply()).isTrue();
				assertThat(ex.getMsgId()).isEqualTo("m1");
				assertThat(ex.getMessage()).contains("args");
			});
	}

	@Test
	void messageIdsHaveOslosFormats() {
		assertThat(MessageIds.newHexId()).matches("[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}");
		assertThat(MessageIds.newDashedId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
	}

	@Test
	void recentIdsRememberTheLastSixteen() {
		RecentIds ids = new RecentIds();
		for (int i = 0; i < 17; i++) {
			assertThat(ids.addIfAbsent("id" + i)).isTrue();
		}
		assertThat(ids.contains("id0")).isFalse();
		assertThat(ids.addIfAbsent("id16")).isFalse();
		assertThat(ids.addIfAbsent(null)).isTrue();
	}

	private RpcRequest decodeRequest(String body) {
		return RpcRequest.fromJson(this.mapper, this.envelope.unwrap(utf8(body), Envelope.CONTENT_TYPE, Map.of()));
	}

	private ObjectNode args(Map<String, ?> values) {
		return this.mapper.valueToTree(values);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
