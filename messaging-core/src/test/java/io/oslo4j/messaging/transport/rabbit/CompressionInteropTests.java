package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.PythonPeer;
import io.oslo4j.messaging.testsupport.PythonResult;
import io.oslo4j.messaging.testsupport.PythonServer;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kombu_compression between Java and Python oslo.messaging 14.0.3, both ways: the Python peer is the
 * judge that Java compresses as kombu does, and reads what kombu compresses. Each side compresses
 * what it sends, so a call carries a compressed request one way and a compressed reply the other.
 */
class CompressionInteropTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** Large and repetitive, so that it really compresses. */
	private static final String VALUE = "héllo oslo ☃ ".repeat(2000);

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private String topic;

	@BeforeEach
	void assumePeer() {
		RabbitTestSupport.assumeBroker();
		PythonPeer.assumeAvailable();
		this.topic = "compress-" + MessageIds.newHexId().substring(0, 10);
	}

	@AfterEach
	void close() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".s1"), List.of(this.topic + "_fanout"));
	}

	@ParameterizedTest(name = "kombu_compression={0}")
	@ValueSource(strings = { "gzip", "bzip2" })
	void aPythonCallerThatCompressesIsServedByAJavaServerThatCompresses(String compression) {
		Transport transport = Transport.open(RabbitTestSupport.url(Map.of("kombu_compression", compression)));
		this.closeables.add(transport);
		RpcServer server = RpcServer.builder(transport, Target.topic(this.topic).withServer("s1"))
			.endpoint(new RabbitConnectionSecurityTests.Echo())
			.build();
		server.start();
		this.closeables.add(() -> server.shutdown(TIMEOUT));

		PythonResult result = PythonPeer.client(List.of("call", "--topic", this.topic, "--method", "echo", "--args",
				PythonPeer.json(Map.of("value", VALUE)), "--set", "oslo_messaging_rabbit.kombu_compression=" + compression));

		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.result().asString()).isEqualTo(VALUE);
	}

	@ParameterizedTest(name = "kombu_compression={0}")
	@ValueSource(strings = { "gzip", "bzip2" })
	void aJavaCallerThatCompressesIsServedByAPythonServerThatCompresses(String compression) {
		PythonServer python = PythonPeer.startServer(List.of("--topic", this.topic, "--server", "s1", "--set",
				"oslo_messaging_rabbit.kombu_compression=" + compression));
		this.closeables.add(python);
		Transport transport = Transport.open(RabbitTestSupport.url(Map.of("kombu_compression", compression)));
		this.closeables.add(transport);

		RpcClient client = RpcClient.create(transport, Target.topic(this.topic)).withTimeout(TIMEOUT);

		assertThat(client.call(RequestContext.empty(), "echo", Map.of("value", VALUE), String.class)).isEqualTo(VALUE);
	}

	@ParameterizedTest(name = "kombu_compression={0}: compression {1}")
	@CsvSource({ "gzip, application/x-gzip", "bzip2, application/x-bz2" })
	void aPythonCastCarriesTheCompressionHeaderJavaWrites(String compression, String contentType) throws IOException {
		Connection connection = RabbitTestSupport.openConnection();
		this.closeables.add(connection);
		Channel channel = connection.createChannel();
		channel.exchangeDeclare("openstack", "topic", false, false, null);
		channel.queueDeclare(this.topic, false, false, false, null);
		channel.queueBind(this.topic, "openstack", this.topic);

		PythonResult result = PythonPeer.client(List.of("cast", "--topic", this.topic, "--method", "echo", "--args",
				PythonPeer.json(Map.of("value", "x")), "--set", "oslo_messaging_rabbit.kombu_compression=" + compression));
		assertThat(result.exitCode()).as(result.stderr()).isZero();

		GetResponse received = await().atMost(TIMEOUT).until(() -> channel.basicGet(this.topic, true),
				(response) -> response != null);
		assertThat(received.getProps().getHeaders()).containsOnlyKeys("compression");
		assertThat(received.getProps().getHeaders().get("compression")).hasToString(contentType);
		assertThat(received.getProps().getContentType()).isEqualTo("application/json");
		assertThat(received.getProps().getContentEncoding()).isEqualTo("utf-8");
	}

}
