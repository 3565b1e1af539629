package io.oslo4j.messaging.interop;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.oslo4j.messaging.testsupport.InteropCell;
import io.oslo4j.messaging.testsupport.OsloOptionSet;
import io.oslo4j.messaging.testsupport.OsloPeer;
import io.oslo4j.messaging.testsupport.PythonResult;
import io.oslo4j.messaging.testsupport.PythonServer;
import io.oslo4j.messaging.testsupport.RabbitCtl;
import io.oslo4j.messaging.testsupport.RabbitCtl.Argument;
import io.oslo4j.messaging.testsupport.RabbitCtl.ExchangeInfo;
import io.oslo4j.messaging.testsupport.RabbitCtl.QueueInfo;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Python peers themselves declare with Kolla's options, as {@code rabbitmqctl} lists it:
 * the topology of section 5 of {@code oslo-messaging-modern.md}, which the Java side must declare
 * alike ({@link TopologyInteropTests} compares the two). Python only, so it runs whatever the
 * Kolla switch says; on the broker that denies {@code transient_nonexcl_queues} too, since nothing
 * here is transient.
 */
class KollaTopologyTests {

	static Stream<OsloPeer> peers() {
		return Stream.of(OsloPeer.OSLO_16, OsloPeer.OSLO_18, OsloPeer.OSLO_18_STRICT);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("peers")
	void aServerAListenerAndOneCallDeclareQuorumQueuesAStreamFanoutAndANamedReplyQueue(OsloPeer peer) {
		InteropCell cell = new InteropCell(peer, OsloOptionSet.KOLLA);
		cell.assumePython();
		RabbitCtl.Node ctl = peer.ctl();
		ctl.assumeAvailable();
		String topic = "kolla_compute_" + MessageIds.newHexId().substring(0, 8);
		String notifications = "kolla_notifications_" + MessageIds.newHexId().substring(0, 8);
		Predicate<String> ours = (name) -> name.startsWith(topic) || name.startsWith(notifications);
		try (PythonServer server = cell.startServer(List.of("--topic", topic, "--server", "host1",
				"--listen-notifications", "--notification-topic", notifications))) {
			PythonResult call = cell.client(List.of("call", "--topic", topic, "--method", "whoami"));
			assertThat(call.result().asString()).as("%s", call).isEqualTo("host1");

			Map<String, QueueInfo> queues = ctl.queues(ours);
			assertThat(queues.get(topic)).isEqualTo(quorum());
			assertThat(queues.get(topic + ".host1")).isEqualTo(quorum());
			assertThat(queues.get(notifications + ".info")).isEqualTo(quorum());
			assertThat(queues.get(topic + "_fanout")).isEqualTo(new QueueInfo(true, false, false,
					Map.of("x-queue-type", new Argument("longstr", "stream"), "x-max-age",
							new Argument("longstr", "1800s"))));
			assertThat(ctl.queues((name) -> name.matches("reply_[^:]+:oslo_client\\.py-\\d+:1")).values())
				.as("reply queues named by the queue manager")
				.contains(new QueueInfo(true, false, false, Map.of("x-queue-type", new Argument("longstr", "quorum"),
						"x-expires", new Argument("signedint", "1800000"))));

			Map<String, ExchangeInfo> exchanges = ctl.exchanges(
					(name) -> name.equals(cell.controlExchange()) || name.equals(topic + "_fanout"));
			assertThat(exchanges.get(cell.controlExchange())).isEqualTo(new ExchangeInfo("topic", true, false, false,
					Map.of()));
			assertThat(exchanges.get(topic + "_fanout")).isEqualTo(new ExchangeInfo("fanout", true, true, false,
					Map.of()));

			assertThat(ctl.bindings(ours)).contains(cell.controlExchange() + " -> " + topic + " : " + topic,
					cell.controlExchange() + " -> " + topic + ".host1 : " + topic + ".host1",
					cell.controlExchange() + " -> " + notifications + ".info : " + notifications + ".info",
					topic + "_fanout -> " + topic + "_fanout : " + topic);
			assertThat(ctl.consumers((name) -> name.equals(topic) || name.equals(topic + ".host1")
					|| name.equals(notifications + ".info")))
				.hasSize(3)
				.allMatch((consumer) -> consumer.endsWith("ack_required=true prefetch=50"));
		}
		finally {
			List<String> queues = List.copyOf(ctl.queues(ours).keySet());
			RabbitTestSupport.delete(peer.url(), queues, List.of(topic + "_fanout"));
		}
	}

	private static QueueInfo quorum() {
		return new QueueInfo(true, false, false, Map.of("x-queue-type", new Argument("longstr", "quorum")));
	}

}
