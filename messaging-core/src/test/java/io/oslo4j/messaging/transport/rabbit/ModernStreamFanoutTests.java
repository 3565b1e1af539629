package io.oslo4j.messaging.transport.rabbit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.testsupport.OsloPeer;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.OutgoingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fanout stream of {@code rabbit_stream_fanout} on RabbitMQ 4.3, consumed as oslo 18.3's
 * {@code Consumer} does: from {@code "last"} at first, after the last handled delivery when the
 * connection comes back, from {@code "last"} again when the broker cancelled the consumer (the
 * stream was deleted), and never deleted by a server that closes.
 */
class ModernStreamFanoutTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final OsloPeer NODE = OsloPeer.OSLO_18;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private String prefix;

	private String topic;

	private String connectionName;

	private RabbitDriver client;

	private Listener server;

	@BeforeEach
	void startServer() {
		NODE.assumeAvailable();
		this.prefix = RabbitTestSupport.uniqueName("oslo4j_stream");
		this.topic = this.prefix + "_rpc";
		this.connectionName = this.prefix + "_server";
		RabbitOptions options = options();
		CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5674);
		factory.setUsername("guest");
		factory.setPassword("guest");
		factory.setConnectionNameStrategy((ignored) -> this.connectionName);
		this.resources.add(factory::destroy);
		RabbitDriver serverDriver = RabbitDriver.create(factory, options);
		this.resources.add(serverDriver);
		this.server = serverDriver.listen(Target.topic(this.topic).withServer("host1"), (delivery) -> {
			delivery.ack();
			this.received.add(new String(delivery.body(), StandardCharsets.UTF_8));
		});
		this.client = RabbitDriver.create(NODE.javaUrl(options.texts()));
		this.resources.add(this.client);
	}

	@AfterEach
	void closeEverything() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		RabbitTestSupport.delete(NODE.url(), List.of(this.topic, this.topic + ".host1", this.topic + "_fanout"),
				List.of(this.prefix + "_control", this.topic + "_fanout"));
	}

	@Test
	void aServerConsumesTheSharedStreamOfItsTopic() {
		assertThat(streamConsumerCount()).isEqualTo(1);

		cast("cast-1");

		await().atMost(WAIT).until(() -> this.received.contains("cast-1"));
	}

	@Test
	void afterAConnectionLossTheServerReadsOnAfterTheLastCastItHandledNeitherLosingNorRepeatingOne() {
		cast("cast-1");
		cast("cast-2");
		cast("cast-3");
		await().atMost(WAIT).until(() -> this.received.size() == 3);

		assertThat(NODE.ctl().closeConnections(this.connectionName)).isPositive();
		// sent while the server waits kombu_reconnect_delay: read from "last", cast-4 could be lost
		// (the last chunk may hold cast-5 alone), and from the first offset casts 1-3 would come again
		cast("cast-4");
		cast("cast-5");

		await().atMost(WAIT).until(() -> this.received.size() >= 5 && this.server.isConsuming());
		cast("cast-6");
		await().atMost(WAIT).until(() -> this.received.size() >= 6);
		assertThat(this.received).containsExactly("cast-1", "cast-2", "cast-3", "cast-4", "cast-5", "cast-6");
	}

	@Test
	void whenTheBrokerCancelsTheConsumerBecauseTheStreamWasDeletedTheServerReadsTheNewStreamFromLast()
			throws Exception {
		cast("cast-1");
		cast("cast-2");
		await().atMost(WAIT).until(() -> this.received.size() == 2);

		RabbitTestSupport.delete(NODE.url(), List.of(this.topic + "_fanout"), List.of());

		await().atMost(WAIT).until(() -> streamConsumerCount() == 1 && this.server.isConsuming());
		// offset 0 of the new stream: resumed at offset 2 of the old one, the server would miss it
		cast("cast-3");
		await().atMost(WAIT).until(() -> this.received.contains("cast-3"));
		assertThat(this.received).containsExactly("cast-1", "cast-2", "cast-3");
	}

	@Test
	void aServerThatClosesLeavesTheSharedStreamToTheOtherServers() {
		cast("cast-1");
		await().atMost(WAIT).until(() -> this.received.contains("cast-1"));

		this.server.close();

		assertThat(NODE.ctl().rows("list_queues", "name", "type").stream()
			.filter((row) -> row.get("name").asString().equals(this.topic + "_fanout"))
			.map((row) -> row.get("type").asString())).containsExactly("stream");
	}

	/**
	 * The consumers of the stream, -1 without the stream: RabbitMQ 4.3's {@code list_consumers} does
	 * not show the AMQP consumers of a stream, with their arguments, but counts them.
	 */
	private int streamConsumerCount() {
		return NODE.ctl().rows("list_queues", "name", "consumers").stream()
			.filter((row) -> row.get("name").asString().equals(this.topic + "_fanout"))
			.mapToInt((row) -> row.get("consumers").asInt())
			.findFirst()
			.orElse(-1);
	}

	private void cast(String text) {
		this.client.sendRequest(Target.topic(this.topic).withFanout(true),
				OutgoingMessage.of(text.getBytes(StandardCharsets.UTF_8))).block(WAIT);
	}

	private RabbitOptions options() {
		return RabbitOptions.fromQuery("test", Map.of("control_exchange", this.prefix + "_control",
				"rabbit_quorum_queue", "true", "rabbit_transient_quorum_queue", "true", "rabbit_stream_fanout", "true",
				"rabbit_qos_prefetch_count", "5"));
	}

}
