package io.oslo4j.messaging.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Inflater;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** kombu's compression methods, as oslo publishes and reads them with kombu_compression. */
class CompressionTests {

	private final Envelope envelope = new Envelope(WireLimits.defaults().withMaxBodyBytes(1024 * 1024));

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource({ "gzip, application/x-gzip", "zlib, application/x-gzip", "application/x-gzip, application/x-gzip",
			"bzip2, application/x-bz2", "bzip, application/x-bz2", "application/x-bz2, application/x-bz2" })
	void kombusNamesResolveToItsContentTypes(String name, String contentType) {
		assertThat(Compression.contentType(name)).isEqualTo(contentType);
	}

	@Test
	void bz2IsRefusedBecauseKombuDoesNotKnowItAndOsloThenFailsEveryPublish() {
		assertThatIllegalArgumentException().isThrownBy(() -> Compression.contentType("bz2"))
			.withMessage("oslo's help names bz2, but kombu knows no such name and oslo fails every publish with "
					+ "KeyError 'bz2'; use gzip (or zlib) or bzip2 (or bzip), kombu's names");
	}

	@ParameterizedTest
	@ValueSource(strings = { "lzma", "xz", "zstd", "snappy" })
	void otherNamesAreRefusedSayingWhichAreAccepted(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> Compression.contentType(name))
			.withMessageEndingWith("use gzip (or zlib) or bzip2 (or bzip), kombu's names");
	}

	@Test
	void gzipIsAZlibStreamAsPythonsZlibCompressWritesIt() throws Exception {
		byte[] body = "{\"oslo.version\": \"2.0\"}".getBytes(StandardCharsets.UTF_8);
		byte[] compressed = Compression.compress(body, Compression.GZIP);

		assertThat(compressed[0]).as("zlib header, default level").isEqualTo((byte) 0x78);
		assertThat(compressed[1]).isEqualTo((byte) 0x9c);
		Inflater inflater = new Inflater();
		inflater.setInput(compressed);
		byte[] inflated = new byte[body.length];
		assertThat(inflater.inflate(inflated)).isEqualTo(body.length);
		assertThat(inflated).isEqualTo(body);
	}

	@Test
	void bzip2IsABzip2StreamOfBlockSizeNineAsPythonsBz2CompressWritesIt() {
		byte[] compressed = Compression.compress("{}".getBytes(StandardCharsets.UTF_8), Compression.BZIP2);

		assertThat(new String(compressed, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("BZh9");
	}

	@ParameterizedTest
	@ValueSource(strings = { Compression.GZIP, Compression.BZIP2 })
	void aCompressedMessageIsReadAsTheHeaderSays(String contentType) {
		ObjectNode message = this.envelope.mapper().createObjectNode().put("method", "echo").put("text", "é".repeat(500));
		byte[] body = Compression.compress(this.envelope.wrap(message), contentType);

		assertThat(this.envelope.unwrap(body, Envelope.CONTENT_TYPE, Map.of(Compression.HEADER, contentType)))
			.isEqualTo(message);
	}

	@Test
	void aBzip2BombFailsAtTheBodyLimitWithoutInflatingFurther() throws IOException {
		ByteArrayOutputStream bomb = new ByteArrayOutputStream();
		byte[] zeros = new byte[1024 * 1024];
		try (OutputStream out = new BZip2CompressorOutputStream(bomb)) {
			for (int i = 0; i < 16; i++) {
				out.write(zeros);
			}
		}
		assertThat(bomb.size()).isLessThan(4096);

		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> this.envelope.unwrap(bomb.toByteArray(), Envelope.CONTENT_TYPE,
					Map.of(Compression.HEADER, Compression.BZIP2)))
			.withMessage("decompressed body exceeds the limit of 1048576 bytes (WireLimits.maxBodyBytes)");
	}

	@Test
	void aTruncatedStreamIsRefusedNamingTheHeader() {
		byte[] compressed = Compression.compress("{\"a\": 1}".repeat(100).getBytes(StandardCharsets.UTF_8),
				Compression.BZIP2);
		byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);

		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> this.envelope.unwrap(truncated, Envelope.CONTENT_TYPE,
					Map.of(Compression.HEADER, Compression.BZIP2)))
			.withMessageStartingWith("body is not a complete bzip2 stream, as its compression header "
					+ "application/x-bz2 says");
	}

	@Test
	void anUnknownCompressionIsRefusedNamingWhatIsRead() {
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> this.envelope.unwrap(new byte[] { 1 }, Envelope.CONTENT_TYPE,
					Map.of(Compression.HEADER, "application/x-lzma")))
			.withMessage("unsupported compression application/x-lzma (oslo4j reads application/x-gzip and "
					+ "application/x-bz2)");
	}

}
