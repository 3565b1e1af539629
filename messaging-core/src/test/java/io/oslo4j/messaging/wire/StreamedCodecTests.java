package io.oslo4j.messaging.wire;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

	private byte[] enveloped(String message) {
		return this.envelope.mapper()
			.writeValueAsString(Map.of("oslo.version", "2.0", "oslo.message", message))
			.getBytes(StandardCharsets.UTF_8);
	}

}
