package io.oslo4j.messaging.transport.rabbit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.transport.NotificationBinding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the topology options of oslo 16–18 declare, decided without a broker, against oslo 18.3's
 * {@code impl_rabbit.py} (and the Kolla topology of the modern reference, section 5).
 * {@code ModernTopologyTests} compares the same on RabbitMQ 4.3 with a Python 18.3 peer.
 */
class RabbitTopologyOptionsTests {

	private static final Map<String, String> KOLLA = Map.of("rabbit_quorum_queue", "true",
			"rabbit_transient_quorum_queue", "true", "rabbit_stream_fanout", "true", "use_queue_manager", "true",
			"rabbit_qos_prefetch_count", "1");

	@Test
	void withKollasOptionsAServerDeclaresQuorumQueuesAndOneSharedFanoutStream() {
		RabbitTopology.RpcServer server = topology(KOLLA).rpcServer("openstack", "compute", "host1", "compute_fanout");

		assertThat(server.calls().declarations()).containsExactly(
				new Declaration.Exchange("openstack", "topic", true, false),
				new Declaration.Queue("compute", true, false, Map.of("x-queue-type", "quorum")),
				new Declaration.Binding("compute", "openstack", "compute"),
				new Declaration.Queue("compute.host1", true, false, Map.of("x-queue-type", "quorum")),
				new Declaration.Binding("compute.host1", "openstack", "compute.host1"));
		assertThat(server.fanout().declarations()).containsExactly(
				new Declaration.Exchange("compute_fanout", "fanout", true, true),
				new Declaration.Queue("compute_fanout", true, false,
						Map.of("x-queue-type", "stream", "x-max-age", "1800s")),
				new Declaration.Binding("compute_fanout", "compute_fanout", "compute"));
		assertThat(server.calls().queues()).containsExactly("compute", "compute.host1");
		assertThat(server.fanout().queues()).containsExactly("compute_fanout");
		assertThat(server.calls().streamQueue()).isNull();
		assertThat(server.fanout().streamQueue()).isEqualTo("compute_fanout");
		assertThat(server.fanout().ownedQueues()).as("the stream is shared: never deleted").isEmpty();
	}

	@Test
	void aServersFanoutIsConsumedOnAChannelOfItsOwnWithTheTagThatOsloGivesItsThirdConsumer() {
		RabbitTopology.RpcServer server = topology(Map.of()).rpcServer("openstack", "compute", "host1",
				"compute_fanout_abc");

		assertThat(server.calls().firstConsumerTag()).isEqualTo(1);
		assertThat(server.fanout().firstConsumerTag()).isEqualTo(3);
		assertThat(server.calls().ownedQueues()).isEmpty();
	}

	@Test
	void withKollasOptionsTheReplyQueueIsAQuorumQueueThatExpires() {
		ListenerTopology reply = topology(KOLLA).replyQueue("reply_vm:modern_peer.py:1");

		assertThat(reply.declarations()).containsExactly(new Declaration.Queue("reply_vm:modern_peer.py:1", true,
				false, Map.of("x-queue-type", "quorum", "x-expires", 1_800_000)));
		assertThat(reply.ownedQueues()).isEmpty();
	}

	@Test
	void transientQuorumQueuesMakeFanoutQueuesQuorumQueuesWithTheQuorumArgumentsAndTheFanoutExchangeDurable() {
		RabbitTopology topology = topology(Map.of("rabbit_transient_quorum_queue", "true",
				"rabbit_quorum_delivery_limit", "4", "rabbit_quorum_max_memory_length", "100",
				"rabbit_quroum_max_memory_bytes", "2048"));

		assertThat(topology.fanoutExchange("compute"))
			.isEqualTo(new Declaration.Exchange("compute_fanout", "fanout", true, true));
		assertThat(topology.fanoutQueue("compute_fanout_0123")).isEqualTo(new Declaration.Queue("compute_fanout_0123",
				true, false, ordered("x-queue-type", "quorum", "x-delivery-limit", 4, "x-max-in-memory-length", 100,
						"x-max-in-memory-bytes", 2048, "x-expires", 1_800_000)));
		assertThat(topology.sharedQueue("compute"))
			.as("rabbit_transient_quorum_queue alone leaves the topic queues classic")
			.isEqualTo(new Declaration.Queue("compute", false, false, Map.of()));
	}

	@Test
	void aTtlOfZeroDeclaresNoExpiryAndNoMaximumAge() {
		RabbitTopology transientQueues = topology(Map.of("rabbit_transient_queues_ttl", "0"));
		RabbitTopology stream = topology(Map.of("rabbit_transient_queues_ttl", "0", "rabbit_stream_fanout", "true",
				"rabbit_transient_quorum_queue", "true", "rabbit_qos_prefetch_count", "1"));

		assertThat(transientQueues.transientQueue("reply_1")).isEqualTo(new Declaration.Queue("reply_1", false, false,
				Map.of()));
		assertThat(stream.fanoutQueue("compute_fanout")).isEqualTo(new Declaration.Queue("compute_fanout", true,
				false, Map.of("x-queue-type", "stream")));
	}

	@Test
	void theStreamCarriesNoOtherArgumentThanItsTypeAndAge() {
		RabbitTopology topology = topology(Map.of("rabbit_ha_queues", "true", "rabbit_stream_fanout", "true",
				"rabbit_transient_quorum_queue", "true", "rabbit_qos_prefetch_count", "5",
				"rabbit_transient_queues_ttl", "60"));

		assertThat(topology.fanoutQueue("compute_fanout")).isEqualTo(new Declaration.Queue("compute_fanout", true,
				false, Map.of("x-queue-type", "stream", "x-max-age", "60s")));
	}

	@Test
	void cancelOnFailoverIsAConsumerArgumentOfEveryQueueButTheStream() {
		Map<String, String> options = new LinkedHashMap<>(KOLLA);
		options.put("enable_cancel_on_failover", "true");
		RabbitTopology topology = topology(options);

		assertThat(topology.rpcServer("openstack", "compute", "host1", "compute_fanout").calls().consumerArguments())
			.isEqualTo(Map.of("x-cancel-on-ha-failover", true));
		assertThat(topology.replyQueue("reply_1").consumerArguments())
			.isEqualTo(Map.of("x-cancel-on-ha-failover", true));
		assertThat(topology.notificationListener(List.of(new NotificationBinding(null, "notifications", "info")), null,
				"openstack").consumerArguments()).isEqualTo(Map.of("x-cancel-on-ha-failover", true));
		assertThat(RabbitTopology.streamConsumerArguments(StreamOffset.LAST)).isEqualTo(Map.of("x-stream-offset",
				"last"));
		assertThat(topology(Map.of()).consumerArguments()).isEmpty();
	}

	@Test
	void withTheDefaultOptionsTheTopologyIs14Dot0Dot3s() {
		RabbitTopology topology = topology(Map.of());
		ListenerTopology server = topology.rpcServer("openstack", "compute", "host1", "compute_fanout_abc").fanout();

		assertThat(topology.fanoutExchange("compute"))
			.isEqualTo(new Declaration.Exchange("compute_fanout", "fanout", false, true));
		assertThat(topology.fanoutQueue("compute_fanout_abc")).isEqualTo(new Declaration.Queue("compute_fanout_abc",
				false, false, Map.of("x-expires", 1_800_000)));
		assertThat(server.ownedQueues()).containsExactly("compute_fanout_abc");
		assertThat(server.streamQueue()).isNull();
	}

	@Test
	void queueManagerFanoutQueuesAreNotDeletedOnClose() {
		ListenerTopology server = topology(Map.of("use_queue_manager", "true")).rpcServer("openstack", "compute",
				"host1", "compute_fanout_vm:java:2").fanout();

		assertThat(server.ownedQueues()).isEmpty();
	}

	@Test
	void theStreamOffsetStartsAtLastFollowsTheHandledDeliveriesAndResetsToLast() {
		StreamOffset offset = new StreamOffset();
		Object first = offset.argument();
		offset.handled(41L);
		Object afterOne = offset.argument();
		offset.handled(null);
		Object afterADeliveryWithoutOffset = offset.argument();
		offset.reset();

		assertThat(List.of(first, afterOne, afterADeliveryWithoutOffset, offset.argument()))
			.containsExactly("last", 42L, 42L, "last");
	}

	private static RabbitTopology topology(Map<String, String> options) {
		return new RabbitTopology(RabbitOptions.fromQuery("test", options));
	}

	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
