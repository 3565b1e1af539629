package io.oslo4j.messaging.transport.rabbit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.LogCapture;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.Compression;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.WireLimits;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kombu_compression on the wire: what the driver publishes compressed, read back with plain
 * amqp-client, and a compression bomb sent to a server, which fails alone.
 */
@ExtendWith(RabbitTestSupport.class)
class RabbitCompressionTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final byte[] BODY = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"echo\\\"}\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private String prefix;

	private Channel channel;

	@BeforeEach
	void connect() throws IOException {
		this.prefix = RabbitTestSupport.uniqueName("oslo4j_compression");
		Connection connection = RabbitTestSupport.openConnection();
		this.closeables.add(connection);
		this.channel = connection.createChannel();
	}

	@AfterEach
	void close() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
		RabbitTestSupport.delete(List.of(this.prefix, this.prefix + ".s1"),
				List.of(this.prefix + "_control", this.prefix + "_fanout"));
	}

	@ParameterizedTest(name = "kombu_compression={0} publishes with compression: {1}")
	@CsvSource({ "gzip, application/x-gzip", "zlib, application/x-gzip", "bzip2, application/x-bz2" })
	void aCompressedMessageCarriesKombusHeaderAndOslosOtherProperties(String name, String contentType)
			throws IOException {
		RabbitDriver driver = RabbitDriver
			.create(RabbitTestSupport.url(Map.of("control_exchange", this.prefix + "_control", "kombu_compression", name)));
		this.closeables.add(driver);
		this.channel.exchangeDeclare(this.prefix + "_control", "topic", false, false, null);
		this.channel.queueDeclare(this.prefix, false, false, true, null);
		this.channel.queueBind(this.prefix, this.prefix + "_control", this.prefix);

		driver.sendRequest(Target.topic(this.prefix), new OutgoingMessage(BODY, Duration.ofSeconds(30), false))
			.block(WAIT);

		GetResponse received = await().atMost(WAIT).until(() -> this.channel.basicGet(this.prefix, true),
				(response) -> response != null);
		AMQP.BasicProperties properties = received.getProps();
		assertThat(properties.getHeaders()).containsOnlyKeys("compression");
		assertThat(properties.getHeaders().get("compression")).hasToString(contentType);
		assertThat(properties.getContentType()).isEqualTo("application/json");
		assertThat(properties.getContentEncoding()).isEqualTo("utf-8");
		assertThat(properties.getDeliveryMode()).isEqualTo(2);
		assertThat(properties.getExpiration()).isEqualTo("30000");
		assertThat(received.getBody()).isNotEqualTo(BODY);
		assertThat(new Envelope(WireLimits.defaults()).unwrap(received.getBody(), Envelope.CONTENT_TYPE,
				properties.getHeaders())).hasToString("{\"method\":\"echo\"}");
	}

	@Test
	void aCompressionBombFailsThatMessageAloneAndTheServerServesTheNextCall() throws Exception {
		Transport transport = Transport.open(RabbitTestSupport.url(),
				WireLimits.defaults().withMaxBodyBytes(1024 * 1024));
		this.closeables.add(transport);
		RpcServer server = RpcServer.builder(transport, Target.topic(this.prefix).withServer("s1"))
			.endpoint(new RabbitConnectionSecurityTests.Echo())
			.build();
		server.start();
		this.closeables.add(() -> server.shutdown(WAIT));
		try (LogCapture logs = LogCapture.of(Level.WARN, "io.oslo4j.messaging.rpc.RequestHandler")) {
			this.channel.basicPublish("openstack", this.prefix, new AMQP.BasicProperties.Builder()
				.contentType("application/json")
				.contentEncoding("utf-8")
				.headers(Map.of("compression", Compression.BZIP2))
				.build(), bomb());

			RpcClient client = RpcClient.create(transport, Target.topic(this.prefix)).withTimeout(WAIT);
			assertThat(client.call(RequestContext.empty(), "echo", Map.of("value", "after"), String.class))
				.isEqualTo("after");
			await().atMost(WAIT).untilAsserted(() -> assertThat(logs.text()).contains("decompressed body exceeds the "
					+ "limit of 1048576 bytes (WireLimits.maxBodyBytes)"));
		}
		assertThat(this.channel.queueDeclarePassive(this.prefix).getMessageCount()).as("the bomb is not requeued")
			.isZero();
	}

	/** 16 MiB of zeros as a bzip2 stream of a few hundred bytes. */
	private static byte[] bomb() throws IOException {
		ByteArrayOutputStream bomb = new ByteArrayOutputStream();
		byte[] zeros = new byte[1024 * 1024];
		try (OutputStream out = new BZip2CompressorOutputStream(bomb)) {
			for (int i = 0; i < 16; i++) {
				out.write(zeros);
			}
		}
		return bomb.toByteArray();
	}

}
