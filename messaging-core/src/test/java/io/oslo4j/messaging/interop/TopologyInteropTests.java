package io.oslo4j.messaging.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.PythonPeer;
import io.oslo4j.messaging.testsupport.PythonServer;
import io.oslo4j.messaging.testsupport.RabbitCtl;
import io.oslo4j.messaging.testsupport.RabbitCtl.ExchangeInfo;
import io.oslo4j.messaging.testsupport.RabbitCtl.QueueInfo;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For the same targets and options, a Java server and listener declare exactly what a Python one
 * declares: exchanges, queues, bindings, flags and arguments, as {@code rabbitmqctl} lists them.
 * Any difference would close a peer's channel with {@code 406 PRECONDITION_FAILED}.
 */
class TopologyInteropTests {

	@BeforeEach
	void requirePeers() {
		RabbitTestSupport.assumeBroker();
		PythonPeer.assumeAvailable();
		RabbitCtl.assumeAvailable();
	}

	@Test
	void withDefaultOptionsJavaDeclaresWhatPythonDeclares() {
		compare(Map.of(), List.of(), null);
	}

	@Test
	void withQuorumQueuesAndADeliveryLimitJavaDeclaresWhatPythonDeclares() {
		String exchange = "quorum-" + MessageIds.newHexId().substring(0, 8);
		compare(Map.of("rabbit_quorum_queue", "true", "rabbit_quorum_delivery_limit", "3", "control_exchange", exchange),
				List.of("--set", "oslo_messaging_rabbit.rabbit_quorum_queue=true", "--set",
						"oslo_messaging_rabbit.rabbit_quorum_delivery_limit=3", "--control-exchange", exchange),
				exchange);
	}

	@Test
	void withDurableAutoDeleteHaAndAShortTtlJavaDeclaresWhatPythonDeclares() {
		String exchange = "ha-" + MessageIds.newHexId().substring(0, 8);
		compare(Map.of("amqp_durable_queues", "true", "amqp_auto_delete", "true", "rabbit_ha_queues", "true",
				"rabbit_transient_queues_ttl", "60", "control_exchange", exchange),
				List.of("--set", "oslo_messaging_rabbit.amqp_durable_queues=true", "--set",
						"oslo_messaging_rabbit.amqp_auto_delete=true", "--set", "oslo_messaging_rabbit.rabbit_ha_queues=true",
						"--set", "oslo_messaging_rabbit.rabbit_transient_queues_ttl=60", "--control-exchange", exchange),
				exchange);
	}

	private void compare(Map<String, String> javaOptions, List<String> pythonOptions, String exchange) {
		String id = MessageIds.newHexId().substring(0, 8);
		String javaTopic = "topo-java-" + id;
		String pythonTopic = "topo-py-" + id;
		String javaPool = "topo-java-pool-" + id;
		String pythonPool = "topo-py-pool-" + id;
		List<String> python = new ArrayList<>(List.of("--topic", pythonTopic, "--server", "s1", "--listen-notifications",
				"--notification-topic", pythonTopic, "--pool", pythonPool));
		python.addAll(pythonOptions);
		try (Transport transport = Transport.open(RabbitTestSupport.url(javaOptions));
				PythonServer pythonServer = PythonPeer.startServer(python)) {
			RpcServer server = RpcServer.builder(transport, Target.topic(javaTopic).withServer("s1"))
				.endpoint(new InteropEndpoints.Peer("s1"))
				.executor(ExecutorKind.EVENTLET)
				.build();
			server.start();
			NotificationListener listener = NotificationListener.builder(transport)
				.target(Target.topic(javaTopic))
				.endpoint(new NotificationInteropTests.Recorder())
				.executor(MessagingExecutors.create(ExecutorKind.EVENTLET))
				.pool(javaPool)
				.build();
			listener.start();
			try {
				assertThat(normalizedQueues(javaTopic, javaPool)).isEqualTo(normalizedQueues(pythonTopic, pythonPool))
					.containsOnlyKeys("TOPIC", "TOPIC.s1", "TOPIC_fanout_HEX", "POOL");
				assertThat(normalizedBindings(javaTopic, javaPool)).isEqualTo(normalizedBindings(pythonTopic, pythonPool))
					.isNotEmpty();
				assertThat(normalizedExchanges(javaTopic)).isEqualTo(normalizedExchanges(pythonTopic)).isNotEmpty();
				if (exchange != null) {
					assertThat(RabbitCtl.exchanges(exchange::equals)).hasSize(1);
				}
			}
			finally {
				listener.awaitTermination(Duration.ofSeconds(10));
				server.shutdown(Duration.ofSeconds(10));
			}
		}
	}

	private static Map<String, QueueInfo> normalizedQueues(String topic, String pool) {
		return RabbitCtl.queues((name) -> name.startsWith(topic) || name.equals(pool))
			.entrySet()
			.stream()
			.collect(Collectors.toMap((entry) -> normalize(entry.getKey(), topic, pool), Map.Entry::getValue, (a, b) -> a,
					TreeMap::new));
	}

	private static List<String> normalizedBindings(String topic, String pool) {
		return RabbitCtl.bindings((name) -> name.startsWith(topic) || name.equals(pool))
			.stream()
			.map((binding) -> normalize(binding, topic, pool))
			.sorted()
			.toList();
	}

	private static Map<String, ExchangeInfo> normalizedExchanges(String topic) {
		return RabbitCtl.exchanges((name) -> name.startsWith(topic))
			.entrySet()
			.stream()
			.collect(Collectors.toMap((entry) -> normalize(entry.getKey(), topic, "\u0000"), Map.Entry::getValue, (a, b) -> a,
					TreeMap::new));
	}

	private static String normalize(String text, String topic, String pool) {
		return text.replace(pool, "POOL").replaceAll("_fanout_[0-9a-f]{32}", "_fanout_HEX").replace(topic, "TOPIC");
	}

}
