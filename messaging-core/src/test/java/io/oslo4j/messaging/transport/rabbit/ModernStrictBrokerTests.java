package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.oslo4j.messaging.MessageRefusedException;
import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.OsloPeer;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * RabbitMQ 4.3 with the deprecated feature {@code transient_nonexcl_queues} denied (node
 * forky-strict), as a later release will deny it by default: with transient quorum queues an RPC
 * server, a client and a notification listener work; without them, start-up fails saying which
 * option to set, instead of the broker's {@code 541 INTERNAL_ERROR}.
 */
class ModernStrictBrokerTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final OsloPeer NODE = OsloPeer.OSLO_18_STRICT;

	private final List<Runnable> cleanUps = new ArrayList<>();

	private String prefix;

	@BeforeEach
	void names() {
		NODE.assumeAvailable();
		this.prefix = RabbitTestSupport.uniqueName("oslo4j_strict");
	}

	@AfterEach
	void cleanUp() {
		for (int i = this.cleanUps.size() - 1; i >= 0; i--) {
			this.cleanUps.get(i).run();
		}
		RabbitTestSupport.delete(NODE.url(), List.of(topic(), topic() + ".host1", topic() + "_fanout", this.prefix + "_notifications.info"),
				List.of(this.prefix + "_control", topic() + "_fanout"));
	}

	@Test
	void withQuorumAndTransientQuorumQueuesAServerAClientAndANotificationListenerWork() {
		Transport transport = transport(Map.of("rabbit_quorum_queue", "true", "rabbit_transient_quorum_queue", "true"));
		RpcServer server = RpcServer.builder(transport, Target.topic(topic()).withServer("host1"))
			.endpoint(new Echo())
			.build();
		server.start();
		this.cleanUps.add(() -> server.shutdown(WAIT));
		List<JsonNode> notifications = new CopyOnWriteArrayList<>();
		NotificationListener listener = NotificationListener.builder(transport)
			.target(Target.topic(this.prefix + "_notifications"))
			.endpoint(new Recorder(notifications))
			.executor(MessagingExecutors.create(ExecutorKind.EVENTLET))
			.build();
		listener.start();
		this.cleanUps.add(listener::stop);

		assertThat(RpcClient.create(transport, Target.topic(topic())).withTimeout(WAIT)
			.call(RequestContext.empty(), "echo", Map.of("value", "strict"), String.class)).isEqualTo("strict");
		RpcClient.create(transport, Target.topic(topic())).withFanout(true).cast(RequestContext.empty(), "echo",
				Map.of("value", "everyone"));
		Notifier.builder(transport).publisherId("test").topics(this.prefix + "_notifications").build()
			.info(RequestContext.empty(), "strict.test", Map.of("seen", true));
		await().atMost(WAIT).until(() -> !notifications.isEmpty());
	}

	@Test
	void withStreamFanoutAndTheQueueManagerTooAServerStartsAndAClientCalls() {
		Transport transport = transport(Map.of("rabbit_quorum_queue", "true", "rabbit_transient_quorum_queue", "true",
				"rabbit_stream_fanout", "true", "use_queue_manager", "true", "rabbit_qos_prefetch_count", "1"));
		RpcServer server = RpcServer.builder(transport, Target.topic(topic()).withServer("host1"))
			.endpoint(new Echo())
			.build();
		server.start();
		this.cleanUps.add(() -> server.shutdown(WAIT));
		this.cleanUps.add(ModernStrictBrokerTests::deleteDefaultQueueManagerFiles);

		assertThat(RpcClient.create(transport, Target.topic(topic())).withTimeout(WAIT)
			.call(RequestContext.empty(), "echo", Map.of("value", "kolla"), String.class)).isEqualTo("kolla");
	}

	@Test
	void withoutTransientQuorumQueuesAServerCannotStartAndSaysWhichOptionToSet() {
		RabbitDriver driver = driver(Map.of("rabbit_quorum_queue", "true"));

		assertThatThrownBy(() -> driver.listen(Target.topic(topic()).withServer("host1"), Delivery::ack))
			.isInstanceOf(MessagingException.class)
			.hasMessageContaining("rabbit_transient_quorum_queue=true")
			.hasMessageContaining("transient_nonexcl_queues");
	}

	@Test
	void withoutTransientQuorumQueuesTheFirstCallCannotStartItsReplyConsumerAndSaysWhichOptionToSet() {
		RabbitDriver driver = driver(Map.of("rabbit_quorum_queue", "true"));

		assertThatThrownBy(() -> driver.startReplyConsumer(Delivery::ack)).isInstanceOf(MessagingException.class)
			.hasMessageContaining("rabbit_transient_quorum_queue=true");
	}

	@Test
	void withoutTransientQuorumQueuesAnRpcClientsFirstCallFailsSayingWhichOptionToSet() {
		Transport transport = transport(Map.of("rabbit_quorum_queue", "true"));
		RpcClient client = RpcClient.create(transport, Target.topic(topic())).withTimeout(WAIT);

		assertThatThrownBy(() -> client.call(RequestContext.empty(), "echo", Map.of("value", "x"), String.class))
			.isInstanceOf(MessagingException.class)
			.hasMessageContaining("rabbit_transient_quorum_queue=true");
	}

	@Test
	void withOslosDefaultsAServerSaysWhichOptionsMakeItsQueuesDurable() {
		RabbitDriver driver = driver(Map.of());

		assertThatThrownBy(() -> driver.listen(Target.topic(topic()).withServer("host1"), Delivery::ack))
			.isInstanceOf(MessagingException.class)
			.hasMessageContaining("rabbit_quorum_queue=true")
			.hasMessageContaining("rabbit_transient_quorum_queue=true");
	}

	@Test
	void withOslosDefaultsANotificationIsRefusedNotRetriedAndTheErrorSaysWhichOptionToSet() {
		RabbitDriver driver = driver(Map.of());

		assertThatThrownBy(() -> driver.sendNotification(this.prefix + "_notifications", "info",
				OutgoingMessage.of("{}".getBytes(StandardCharsets.UTF_8))).block(WAIT))
			.isInstanceOf(MessageRefusedException.class)
			.hasMessageContaining("rabbit_quorum_queue=true");
	}

	@Test
	void aRefusedStartLeavesTheDriverUsableOnceTheOptionIsRight() {
		RabbitDriver refused = driver(Map.of("rabbit_quorum_queue", "true"));
		assertThatThrownBy(() -> refused.startReplyConsumer(Delivery::ack)).isInstanceOf(MessagingException.class);

		RabbitDriver fixed = driver(Map.of("rabbit_quorum_queue", "true", "rabbit_transient_quorum_queue", "true"));

		assertThat(fixed.startReplyConsumer(Delivery::ack)).startsWith("reply_");
	}

	/** The counter and lock of the default hostname and processname (this JVM's), which no one else uses. */
	private static void deleteDefaultQueueManagerFiles() {
		String name = QueueManager.defaultHostname() + "_" + QueueManager.defaultProcessname();
		try {
			Files.deleteIfExists(Path.of("/dev/shm", name + "_qmanager"));
			Files.deleteIfExists(Path.of(System.getProperty("java.io.tmpdir"), "oslo_read_shm_" + name));
		}
		catch (IOException ex) {
			// left for the next clean boot: /dev/shm is a tmpfs
		}
	}

	private String topic() {
		return this.prefix + "_rpc";
	}

	private Map<String, String> query(Map<String, String> options) {
		Map<String, String> query = new LinkedHashMap<>(options);
		query.put("control_exchange", this.prefix + "_control");
		return query;
	}

	private RabbitDriver driver(Map<String, String> options) {
		RabbitDriver driver = RabbitDriver.create(NODE.javaUrl(query(options)));
		this.cleanUps.add(driver::close);
		return driver;
	}

	private Transport transport(Map<String, String> options) {
		Transport transport = Transport.open(NODE.javaUrl(query(options)));
		this.cleanUps.add(transport::close);
		return transport;
	}

	/** An RPC endpoint. */
	public static class Echo {

		public String echo(String value) {
			return value;
		}

	}

	/** A notification endpoint that keeps what it is given. */
	public static class Recorder {

		private final List<JsonNode> payloads;

		Recorder(List<JsonNode> payloads) {
			this.payloads = payloads;
		}

		public void info(JsonNode payload) {
			this.payloads.add(payload);
		}

	}

}
