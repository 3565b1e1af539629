package io.oslo4j.messaging.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.InteropCell;
import io.oslo4j.messaging.testsupport.OsloPeer;
import io.oslo4j.messaging.testsupport.PythonServer;
import io.oslo4j.messaging.testsupport.RabbitCtl;
import io.oslo4j.messaging.testsupport.RabbitCtl.ExchangeInfo;
import io.oslo4j.messaging.testsupport.RabbitCtl.QueueInfo;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For the same targets and options, a Java server and listener declare exactly what a Python one
 * declares: exchanges, queues, bindings, flags and arguments, as {@code rabbitmqctl} lists them, in
 * every cell of the interop matrix and for a few more option sets on every peer. Any difference
 * would close a peer's channel with {@code 406 PRECONDITION_FAILED}.
 */
class TopologyInteropTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.oslo4j.messaging.testsupport.InteropCell#all")
	void withTheCellsOptionsJavaDeclaresWhatPythonDeclares(InteropCell cell) {
		cell.assumeJava();
		boolean streamFanout = "true".equals(cell.options().rabbitOptions().get("rabbit_stream_fanout"));
		compare(cell.peer(), cell.options().javaOptions(), cell.options().pythonArguments(), cell.controlExchange(),
				streamFanout ? "TOPIC_fanout" : "TOPIC_fanout_HEX");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("peers")
	void withQuorumQueuesAndADeliveryLimitJavaDeclaresWhatPythonDeclares(OsloPeer peer) {
		String exchange = "quorum-" + MessageIds.newHexId().substring(0, 8);
		compare(peer, Map.of("rabbit_quorum_queue", "true", "rabbit_quorum_delivery_limit", "3", "control_exchange", exchange),
				List.of("--set", "oslo_messaging_rabbit.rabbit_quorum_queue=true", "--set",
						"oslo_messaging_rabbit.rabbit_quorum_delivery_limit=3", "--control-exchange", exchange),
				exchange, "TOPIC_fanout_HEX");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("peers")
	void withDurableAutoDeleteHaAndAShortTtlJavaDeclaresWhatPythonDeclares(OsloPeer peer) {
		String exchange = "ha-" + MessageIds.newHexId().substring(0, 8);
		compare(peer, Map.of("amqp_durable_queues", "true", "amqp_auto_delete", "true", "rabbit_ha_queues", "true",
				"rabbit_transient_queues_ttl", "60", "control_exchange", exchange),
				List.of("--set", "oslo_messaging_rabbit.amqp_durable_queues=true", "--set",
						"oslo_messaging_rabbit.amqp_auto_delete=true", "--set", "oslo_messaging_rabbit.rabbit_ha_queues=true",
						"--set", "oslo_messaging_rabbit.rabbit_transient_queues_ttl=60", "--control-exchange", exchange),
				exchange, "TOPIC_fanout_HEX");
	}

	static List<OsloPeer> peers() {
		return InteropCell.PEERS;
	}

	private void compare(OsloPeer peer, Map<String, String> javaOptions, List<String> pythonOptions, String exchange,
			String fanoutQueue) {
		peer.assumeAvailable();
		RabbitCtl.Node ctl = peer.ctl();
		ctl.assumeAvailable();
		String id = MessageIds.newHexId().substring(0, 8);
		String javaTopic = "topo-java-" + id;
		String pythonTopic = "topo-py-" + id;
		String javaPool = "topo-java-pool-" + id;
		String pythonPool = "topo-py-pool-" + id;
		List<String> python = new ArrayList<>(List.of("--topic", pythonTopic, "--server", "s1", "--listen-notifications",
				"--notification-topic", pythonTopic, "--pool", pythonPool));
		python.addAll(pythonOptions);
		try (Transport transport = Transport.open(peer.javaUrl(javaOptions));
				PythonServer pythonServer = peer.startServer(python)) {
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
				// one listing of each kind for both sides: every rabbitmqctl run starts an Erlang VM
				Predicate<String> ours = (name) -> name.startsWith(javaTopic) || name.startsWith(pythonTopic)
						|| name.equals(javaPool) || name.equals(pythonPool);
				Map<String, QueueInfo> queues = ctl.queues(ours);
				List<String> bindings = ctl.bindings(ours);
				Map<String, ExchangeInfo> exchanges = ctl.exchanges(ours.or(exchange::equals));
				assertThat(normalizedQueues(queues, javaTopic, javaPool))
					.isEqualTo(normalizedQueues(queues, pythonTopic, pythonPool))
					.containsOnlyKeys("TOPIC", "TOPIC.s1", fanoutQueue, "POOL");
				assertThat(normalizedBindings(bindings, javaTopic, javaPool))
					.isEqualTo(normalizedBindings(bindings, pythonTopic, pythonPool))
					.isNotEmpty();
				assertThat(normalizedExchanges(exchanges, javaTopic)).isEqualTo(normalizedExchanges(exchanges, pythonTopic))
					.isNotEmpty();
				assertThat(exchanges).containsKey(exchange);
			}
			finally {
				listener.awaitTermination(Duration.ofSeconds(10));
				server.shutdown(Duration.ofSeconds(10));
			}
		}
		finally {
			List<String> queues = new ArrayList<>(List.of(javaTopic, javaTopic + ".s1", javaTopic + "_fanout", javaPool,
					pythonTopic, pythonTopic + ".s1", pythonTopic + "_fanout", pythonPool));
			RabbitTestSupport.delete(peer.url(), queues, List.of(javaTopic + "_fanout", pythonTopic + "_fanout"));
		}
	}

	private static Map<String, QueueInfo> normalizedQueues(Map<String, QueueInfo> queues, String topic, String pool) {
		return queues.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(topic) || entry.getKey().equals(pool))
			.collect(Collectors.toMap((entry) -> normalize(entry.getKey(), topic, pool), Map.Entry::getValue, (a, b) -> a,
					TreeMap::new));
	}

	private static List<String> normalizedBindings(List<String> bindings, String topic, String pool) {
		return bindings.stream()
			.filter((binding) -> binding.contains(" -> " + topic) || binding.contains(" -> " + pool + " "))
			.map((binding) -> normalize(binding, topic, pool))
			.sorted()
			.toList();
	}

	private static Map<String, ExchangeInfo> normalizedExchanges(Map<String, ExchangeInfo> exchanges, String topic) {
		return exchanges.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(topic))
			.collect(Collectors.toMap((entry) -> normalize(entry.getKey(), topic, "\u0000"), Map.Entry::getValue, (a, b) -> a,
					TreeMap::new));
	}

	private static String normalize(String text, String topic, String pool) {
		return text.replace(pool, "POOL").replaceAll("_fanout_[0-9a-f]{32}", "_fanout_HEX").replace(topic, "TOPIC");
	}

}
