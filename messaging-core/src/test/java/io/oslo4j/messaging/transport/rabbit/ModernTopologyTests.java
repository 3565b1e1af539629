package io.oslo4j.messaging.transport.rabbit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.OsloPeer;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the Java driver declares with the topology options of oslo 16–18, compared on the broker
 * with what oslo.messaging itself declares for the same options on the same node: a Python peer
 * of the node's root (18.3 on RabbitMQ 4.3, 16.1 on RabbitMQ 4.0) runs an RPC server, makes a
 * call and listens for notifications, the Java driver does the same on names of its own, and
 * {@code rabbitmqctl} lists queues (durable, auto-delete, type, arguments), exchanges, bindings and
 * consumers (acknowledgement, prefetch, arguments) of both, the names of each side made alike.
 * Both sides are complete when listed: the Python peer says READY after its call, and the Java
 * driver declares and consumes before {@code listen} returns.
 */
class ModernTopologyTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final Map<String, String> KOLLA = Map.of("rabbit_quorum_queue", "true",
			"rabbit_transient_quorum_queue", "true", "rabbit_stream_fanout", "true", "use_queue_manager", "true",
			"rabbit_qos_prefetch_count", "1");

	private final List<Runnable> cleanUps = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		for (int i = this.cleanUps.size() - 1; i >= 0; i--) {
			this.cleanUps.get(i).run();
		}
	}

	@Test
	void withKollasOptionsOnRabbitMq43TheJavaDriverDeclaresWhatOslo18Dot3Declares() {
		Listed python = python(OsloPeer.OSLO_18, KOLLA).listed();
		Listed java = java(OsloPeer.OSLO_18, KOLLA).listed();

		assertThat(java).isEqualTo(python);
		assertThat(python.queues()).contains(
				"<reply_>vm:<process>:<n> durable=true auto_delete=false quorum [x-expires=1800000, x-queue-type=quorum]",
				"<p>_rpc_fanout durable=true auto_delete=false stream [x-max-age=1800s, x-queue-type=stream]");
	}

	@Test
	void withKollasOptionsOnRabbitMq40TheJavaDriverDeclaresWhatOslo16Dot1Declares() {
		Side python = python(OsloPeer.OSLO_16, KOLLA);
		Side java = java(OsloPeer.OSLO_16, KOLLA);

		assertThat(java.listed()).isEqualTo(python.listed());
	}

	@Test
	void withTransientQuorumQueuesWithoutStreamsFanoutQueuesAreQuorumQueuesOfQueueManagerNamesAsOslo18Dot3s() {
		Map<String, String> options = Map.of("rabbit_quorum_queue", "true", "rabbit_transient_quorum_queue", "true",
				"use_queue_manager", "true", "rabbit_quorum_delivery_limit", "5",
				"rabbit_quorum_max_memory_length", "100");
		Listed python = python(OsloPeer.OSLO_18, options).listed();
		Listed java = java(OsloPeer.OSLO_18, options).listed();

		assertThat(java).isEqualTo(python);
		assertThat(python.queues()).anyMatch((queue) -> queue.startsWith("<p>_rpc_fanout_vm:<process>:<n> "
				+ "durable=true auto_delete=false quorum"));
	}

	@Test
	void withATtlOfZeroAndCancelOnFailoverTheJavaDriverDeclaresAndConsumesAsOslo18Dot3() {
		Map<String, String> options = Map.of("rabbit_transient_quorum_queue", "true", "use_queue_manager", "true",
				"rabbit_transient_queues_ttl", "0", "enable_cancel_on_failover", "true");
		Listed python = python(OsloPeer.OSLO_18, options).listed();
		Listed java = java(OsloPeer.OSLO_18, options).listed();

		assertThat(java).isEqualTo(python);
		assertThat(python.consumers()).isNotEmpty()
			.allMatch((consumer) -> consumer.endsWith("[x-cancel-on-ha-failover=true]"));
	}

	@Test
	void aFanoutCastOfEitherLanguageReachesTheServersOfBothThroughTheSharedStream() throws IOException {
		Side python = python(OsloPeer.OSLO_18, KOLLA);
		Transport transport = Transport.open(OsloPeer.OSLO_18.javaUrl(query(KOLLA, python.prefix())));
		this.cleanUps.add(transport::close);
		List<String> echoed = new CopyOnWriteArrayList<>();
		RpcServer server = RpcServer.builder(transport, Target.topic(python.prefix() + "_rpc").withServer("host2"))
			.endpoint(new Echo(echoed))
			.build();
		server.start();
		this.cleanUps.add(() -> server.shutdown(WAIT));

		python.cast("from-python");
		RpcClient.create(transport, Target.topic(python.prefix() + "_rpc")).withFanout(true)
			.cast(RequestContext.empty(), "echo", Map.of("value", "from-java"));

		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(echoed).containsExactlyInAnyOrder("from-python", "from-java");
			assertThat(python.lines()).contains("ECHO from-python", "ECHO from-java");
		});
	}

	@Test
	void aJavaServerAndAJavaFanoutCastJoinATopicThatOslo18Dot3ServesWithKollasOptions() {
		Side python = python(OsloPeer.OSLO_18, KOLLA);
		RabbitDriver driver = driver(OsloPeer.OSLO_18, KOLLA, python.prefix());
		List<Delivery> received = new CopyOnWriteArrayList<>();

		driver.listen(Target.topic(python.prefix() + "_rpc").withServer("host2"), (delivery) -> {
			delivery.ack();
			received.add(delivery);
		});
		driver.sendRequest(Target.topic(python.prefix() + "_rpc").withFanout(true),
				OutgoingMessage.of("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{}\"}"
					.getBytes(StandardCharsets.UTF_8))).block(WAIT);

		await().atMost(WAIT).until(() -> !received.isEmpty());
	}

	private Side python(OsloPeer node, Map<String, String> options) {
		node.assumeAvailable();
		String prefix = RabbitTestSupport.uniqueName("oslo4j_py");
		Map<String, String> query = new LinkedHashMap<>(options);
		query.put("hostname", "vm");
		query.put("processname", prefix + "_peer.py");
		Process process = node.python("/io/oslo4j/messaging/transport/rabbit/modern_topology_peer.py",
				List.of("OSLO_LOCK_PATH=/tmp"), node.url(query), prefix + "_control", prefix + "_rpc",
				prefix + "_notifications");
		List<String> lines = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
					StandardCharsets.UTF_8))) {
				for (String line = output.readLine(); line != null; line = output.readLine()) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		});
		reader.setDaemon(true);
		reader.start();
		this.cleanUps.add(() -> stop(process, node, prefix));
		await().atMost(WAIT).until(() -> lines.contains("READY") || !process.isAlive());
		if (!lines.contains("READY")) {
			try {
				reader.join(WAIT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new AssertionError("the Python peer on " + node + " ended before it was ready:\n"
					+ String.join("\n", lines));
		}
		return new Side(node, prefix, process, lines);
	}

	private Side java(OsloPeer node, Map<String, String> options) {
		String prefix = RabbitTestSupport.uniqueName("oslo4j_java");
		this.cleanUps.add(() -> delete(node, prefix));
		RabbitDriver driver = driver(node, options, prefix);
		driver.listen(Target.topic(prefix + "_rpc").withServer("host1"), Delivery::ack);
		driver.startReplyConsumer((delivery) -> {
		});
		driver.listenForNotifications(List.of(new NotificationBinding(null, prefix + "_notifications", "info")), null,
				Delivery::ack);
		return new Side(node, prefix, null, List.of());
	}

	private RabbitDriver driver(OsloPeer node, Map<String, String> options, String prefix) {
		RabbitDriver driver = RabbitDriver.create(node.javaUrl(query(options, prefix)));
		this.cleanUps.add(driver::close);
		return driver;
	}

	private static Map<String, String> query(Map<String, String> options, String prefix) {
		Map<String, String> query = new LinkedHashMap<>(options);
		query.put("control_exchange", prefix + "_control");
		query.put("hostname", "vm");
		query.put("processname", prefix + "_peer.py");
		return query;
	}

	/** An RPC endpoint that keeps what it echoes. */
	public static class Echo {

		private final List<String> echoed;

		Echo(List<String> echoed) {
			this.echoed = echoed;
		}

		public String echo(String value) {
			this.echoed.add(value);
			return value;
		}

	}

	private static void stop(Process process, OsloPeer node, String prefix) {
		try {
			process.getOutputStream().close();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		delete(node, prefix);
	}

	private static void delete(OsloPeer node, String prefix) {
		Listed listed = list(node, prefix, false);
		RabbitTestSupport.delete(node.url(), listed.queues(), listed.exchanges());
		// the queue-manager counters and locks of either side: on the host and in the root
		String name = "vm_" + prefix + "_peer.py";
		for (Path file : List.of(Path.of("/dev/shm", name + "_qmanager"), node.root().resolve("dev/shm/" + name
				+ "_qmanager"), Path.of(System.getProperty("java.io.tmpdir"), "oslo_read_shm_" + name),
				node.root().resolve("tmp/oslo_read_shm_" + name))) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// left for the next clean boot: /dev/shm is a tmpfs
			}
		}
	}

	/** The broker's view of one side, with its names made alike when normalized. */
	private static Listed list(OsloPeer node, String prefix, boolean normalized) {
		Predicate<String> ours = (name) -> name.contains(prefix);
		Set<String> queues = new TreeSet<>();
		for (JsonNode row : node.ctl().rows("list_queues", "name", "durable", "auto_delete", "type", "arguments")) {
			String name = row.get("name").asString();
			if (ours.test(name)) {
				queues.add(normalized ? normalize(name, prefix) + " durable=" + row.get("durable").asBoolean()
						+ " auto_delete=" + row.get("auto_delete").asBoolean() + " " + row.get("type").asString() + " "
						+ arguments(row.get("arguments")) : name);
			}
		}
		Set<String> exchanges = new TreeSet<>();
		for (JsonNode row : node.ctl().rows("list_exchanges", "name", "type", "durable", "auto_delete")) {
			String name = row.get("name").asString();
			if (ours.test(name)) {
				exchanges.add(normalized ? normalize(name, prefix) + " " + row.get("type").asString() + " durable="
						+ row.get("durable").asBoolean() + " auto_delete=" + row.get("auto_delete").asBoolean() : name);
			}
		}
		Set<String> bindings = new TreeSet<>();
		Set<String> consumers = new TreeSet<>();
		if (normalized) {
			for (JsonNode row : node.ctl().rows("list_bindings", "source_name", "destination_name", "routing_key")) {
				String destination = row.get("destination_name").asString();
				if (ours.test(destination)) {
					bindings.add(normalize(row.get("source_name").asString(), prefix) + " -> "
							+ normalize(destination, prefix) + " : " + normalize(row.get("routing_key").asString(), prefix));
				}
			}
			for (JsonNode row : node.ctl().rows("list_consumers", "queue_name", "ack_required", "prefetch_count",
					"arguments")) {
				String queue = row.get("queue_name").asString();
				if (ours.test(queue)) {
					consumers.add(normalize(queue, prefix) + " ack_required=" + row.get("ack_required").asBoolean()
							+ " prefetch=" + row.get("prefetch_count").asInt() + " " + arguments(row.get("arguments")));
				}
			}
		}
		return new Listed(queues, exchanges, bindings, consumers);
	}

	private static String normalize(String name, String prefix) {
		return name.replace(prefix + "_peer.py", "<process>")
			.replace(prefix, "<p>")
			.replaceAll("^reply_", "<reply_>")
			.replaceAll(":[0-9]+$", ":<n>")
			.replaceAll("[0-9a-f]{32}", "<random>");
	}

	/** {@code [["x-queue-type","longstr","quorum"], ...]} as {@code [x-queue-type=quorum, ...]}, sorted. */
	private static String arguments(JsonNode arguments) {
		Set<String> sorted = new TreeSet<>();
		if (arguments != null) {
			for (JsonNode argument : arguments) {
				if (argument.isArray()) {
					JsonNode value = argument.get(argument.size() - 1);
					sorted.add(argument.get(0).asString() + "=" + (value.isValueNode() ? value.asString() : value));
				}
				else {
					argument.properties().forEach((entry) -> sorted.add(entry.getKey() + "="
							+ (entry.getValue().isValueNode() ? entry.getValue().asString() : entry.getValue())));
				}
			}
		}
		return sorted.toString();
	}

	/** One side's names; for the Python peer, its process and what it printed. */
	private record Side(OsloPeer node, String prefix, @Nullable Process process, List<String> lines) {

		Listed listed() {
			return list(this.node, this.prefix, true);
		}

		/** Has the Python peer cast echo(value) to every server of its topic. */
		void cast(String value) throws IOException {
			Objects.requireNonNull(this.process).getOutputStream()
				.write(("cast " + value + "\n").getBytes(StandardCharsets.UTF_8));
			this.process.getOutputStream().flush();
		}

	}

	private record Listed(Set<String> queues, Set<String> exchanges, Set<String> bindings, Set<String> consumers) {
	}

}
