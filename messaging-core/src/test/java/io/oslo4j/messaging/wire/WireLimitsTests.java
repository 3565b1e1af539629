package io.oslo4j.messaging.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;

import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What a transport reads from the wire is bounded, and a message over a bound says which one. */
class WireLimitsTests {

	private static final WireLimits SMALL = WireLimits.defaults()
		.withMaxBodyBytes(1024)
		.withMaxNestingDepth(10)
		.withMaxStringLength(100);

	private final Envelope envelope = new Envelope(SMALL);

	@Test
	void aBodyOverTheLimitNamesItsSizeAndTheLimit() {
		byte[] body = ("{\"method\": \"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> unwrap(body, Map.of()))
			.withMessage("message body of 2014 bytes exceeds the limit of 1024 bytes (WireLimits.maxBodyBytes)");
	}

	@Test
	void aCompressedBodyIsMeasuredAfterDecompression() throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (DeflaterOutputStream out = new DeflaterOutputStream(compressed)) {
			out.write(("{\"a\": \"" + " ".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8));
		}
		assertThat(compressed.size()).isLessThan(1024);
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> unwrap(compressed.toByteArray(), Map.of("compression", "application/x-gzip")))
			.withMessage("decompressed body exceeds the limit of 1024 bytes (WireLimits.maxBodyBytes)");
	}

	@Test
	void nestingDeeperThanTheLimitNamesTheLimit() {
		byte[] body = ("{\"a\":".repeat(11) + "1" + "}".repeat(11)).getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> unwrap(body, Map.of()))
			.withMessage("message body exceeds a limit: Document nesting depth (11) exceeds the maximum allowed (10) "
					+ "(WireLimits.maxNestingDepth)");
	}

	@Test
	void aStringLongerThanTheLimitNamesTheLimit() {
		byte[] body = ("{\"method\": \"" + "x".repeat(101) + "\"}").getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> unwrap(body, Map.of()))
			.withMessage("message body exceeds a limit: String value length (101) exceeds the maximum allowed (100) "
					+ "(WireLimits.maxStringLength)");
	}

	@Test
	void theLimitsApplyToTheInnerMessageOfAnEnvelopeToo() {
		String inner = "{\\\"a\\\":".repeat(11) + "1" + "}".repeat(11);
		byte[] body = ("{\"oslo.version\": \"2.0\", \"oslo.message\": \"" + inner + "\"}").getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> unwrap(body, Map.of()))
			.withMessageStartingWith("oslo.message exceeds a limit: Document nesting depth (11)");
	}

	@Test
	void whatIsWithinTheLimitsIsRead() {
		byte[] body = ("{\"a\":".repeat(9) + "\"" + "x".repeat(100) + "\"" + "}".repeat(9)).getBytes(StandardCharsets.UTF_8);
		assertThat(unwrap(body, Map.of()).at("/a/a/a/a/a/a/a/a/a").asString()).hasSize(100);
	}

	@Test
	void aTransportReadsWithTheLimitsItWasOpenedWith() {
		try (Transport transport = Transport.open("fake:///" + MessageIds.newHexId(), SMALL)) {
			byte[] body = ("{\"method\": \"" + "x".repeat(101) + "\"}").getBytes(StandardCharsets.UTF_8);
			assertThatExceptionOfType(MalformedMessageException.class)
				.isThrownBy(() -> transport.envelope().unwrap(body, Envelope.CONTENT_TYPE, Map.of()))
				.withMessageContaining("WireLimits.maxStringLength");
		}
		try (Transport transport = Transport.open("fake:///" + MessageIds.newHexId())) {
			assertThat(transport.envelope().mapper()).isSameAs(WireJson.mapper());
		}
	}

	@Test
	void limitsMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> WireLimits.defaults().withMaxBodyBytes(0))
			.withMessage("maxBodyBytes must be at least 1, was 0");
	}

	private tools.jackson.databind.node.ObjectNode unwrap(byte[] body, Map<String, ?> headers) {
		return this.envelope.unwrap(body, Envelope.CONTENT_TYPE, headers);
	}

}
