package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.testsupport.RabbitCtl;
import io.oslo4j.messaging.testsupport.RabbitCtl.Argument;
import io.oslo4j.messaging.testsupport.RabbitCtl.ExchangeInfo;
import io.oslo4j.messaging.testsupport.RabbitCtl.QueueInfo;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the driver declares, as the broker lists it, against oslo 14.0.3's own declarations
 * (reference 2.2, 2.3, the option effects of 2.15, and the rabbitmqctl capture): a flag or
 * argument that differs would make RabbitMQ refuse a Python peer with 406 PRECONDITION_FAILED.
 */
@ExtendWith(RabbitTestSupport.class)
class RabbitTopologyTests {

	private static final Argument EXPIRES_30_MINUTES = new Argument("signedint", "1800000");

	private static final Argument HA_ALL = new Argument("longstr", "all");

	private final List<Listener> listeners = new ArrayList<>();

	private final List<RabbitDriver> drivers = new ArrayList<>();

	private final Set<String> queues = new LinkedHashSet<>();

	private String prefix;

	private String control;

	private String topic;

	private String notificationTopic;

	private String pool;

	@BeforeEach
	void names() {
		RabbitCtl.assumeAvailable();
		this.prefix = RabbitTestSupport.uniqueName("oslo4j_topology");
		this.control = this.prefix + "_control";
		this.topic = this.prefix + "_rpc";
		this.notificationTopic = this.prefix + "_notifications";
		this.pool = this.prefix + "_pool";
	}

	@AfterEach
	void deleteEverything() {
		this.listeners.forEach(Listener::close);
		this.drivers.forEach(RabbitDriver::close);
		this.queues.addAll(List.of(this.topic, this.topic + ".srv1", this.notificationTopic + ".info", this.pool));
		RabbitTestSupport.delete(this.queues, List.of(this.control, this.topic + "_fanout"));
	}

	@Test
	void withDefaultOptionsTheTopologyIsOslos() {
		Topology topology = declareEveryRole(Map.of());

		assertThat(topology.exchanges()).isEqualTo(Map.of(
				this.control, new ExchangeInfo("topic", false, false, false, Map.of()),
				this.topic + "_fanout", new ExchangeInfo("fanout", false, true, false, Map.of())));
		assertThat(topology.queues()).isEqualTo(expectedQueues(topology,
				new QueueInfo(false, false, false, Map.of()),
				new QueueInfo(false, false, false, Map.of("x-expires", EXPIRES_30_MINUTES))));
		assertThat(RabbitCtl.bindings(this::ours).stream().filter((binding) -> !binding.startsWith(" ->"))).containsExactlyInAnyOrder(
				this.control + " -> " + this.topic + " : " + this.topic,
				this.control + " -> " + this.topic + ".srv1 : " + this.topic + ".srv1",
				this.topic + "_fanout -> " + topology.fanoutQueue() + " : " + this.topic,
				this.control + " -> " + this.notificationTopic + ".info : " + this.notificationTopic + ".info",
				this.control + " -> " + this.pool + " : " + this.notificationTopic + ".info",
				this.control + " -> " + this.pool + " : " + this.notificationTopic + ".error");
		assertThat(RabbitCtl.bindings(topology.replyQueue()::equals)).containsExactly(
				" -> " + topology.replyQueue() + " : " + topology.replyQueue());
	}

	@Test
	void anRpcServerConsumesItsThreeQueuesOnOneChannelWithManualAcksAndNoPrefetchLimit() {
		Topology topology = declareEveryRole(Map.of());

		assertThat(RabbitCtl.consumers((queue) -> queue.startsWith(this.topic))).containsExactlyInAnyOrder(
				this.topic + " tag=1 ack_required=true prefetch=0",
				this.topic + ".srv1 tag=2 ack_required=true prefetch=0",
				topology.fanoutQueue() + " tag=3 ack_required=true prefetch=0");
	}

	@Test
	void thePrefetchCountLimitsEveryListener() {
		declareEveryRole(Map.of("rabbit_qos_prefetch_count", "5"));

		assertThat(RabbitCtl.consumers(this::ours)).isNotEmpty().allSatisfy((consumer) ->
				assertThat(consumer).endsWith("prefetch=5"));
	}

	@Test
	void durableAutoDeleteHaQueuesWithAShortTtlAreDeclaredAsOsloDoes() {
		Topology topology = declareEveryRole(Map.of("amqp_durable_queues", "true", "amqp_auto_delete", "true",
				"rabbit_ha_queues", "true", "rabbit_transient_queues_ttl", "60"));

		assertThat(topology.exchanges()).isEqualTo(Map.of(
				this.control, new ExchangeInfo("topic", true, true, false, Map.of()),
				this.topic + "_fanout", new ExchangeInfo("fanout", false, true, false, Map.of())));
		assertThat(topology.queues()).isEqualTo(expectedQueues(topology,
				new QueueInfo(true, true, false, Map.of("x-ha-policy", HA_ALL)),
				new QueueInfo(false, false, false,
						Map.of("x-ha-policy", HA_ALL, "x-expires", new Argument("signedint", "60000")))));
	}

	@Test
	void quorumQueuesWithADeliveryLimitAreDeclaredAsOsloDoes() {
		Topology topology = declareEveryRole(Map.of("rabbit_quorum_queue", "true", "rabbit_quorum_delivery_limit", "3"));

		assertThat(topology.exchanges()).isEqualTo(Map.of(
				this.control, new ExchangeInfo("topic", true, false, false, Map.of()),
				this.topic + "_fanout", new ExchangeInfo("fanout", false, true, false, Map.of())));
		assertThat(topology.queues()).isEqualTo(expectedQueues(topology,
				new QueueInfo(true, false, false, Map.of("x-queue-type", new Argument("longstr", "quorum"),
						"x-delivery-limit", new Argument("signedint", "3"))),
				new QueueInfo(false, false, false, Map.of("x-expires", EXPIRES_30_MINUTES))));
	}

	@Test
	void aListenerMeetingOtherFlagsIsRefusedWithTheOptionsToAlign() throws Exception {
		try (Connection connection = RabbitTestSupport.openConnection(); Channel channel = connection.createChannel()) {
			channel.exchangeDeclare(this.control, "topic", true);
		}
		RabbitDriver driver = driver(Map.of());

		assertThatThrownBy(() -> driver.listen(Target.topic(this.topic).withServer("srv1"), Delivery::ack))
			.isInstanceOf(MessagingException.class)
			.hasMessageContaining("PRECONDITION_FAILED")
			.hasMessageContaining("amqp_durable_queues");
		assertThatThrownBy(() -> driver.sendRequest(Target.topic(this.topic), message()).block(Duration.ofSeconds(10)))
			.isInstanceOf(MessageDeliveryFailureException.class)
			.hasMessageContaining("inequivalent arg 'durable'");
	}

	@Test
	void theFanoutQueueIsDeletedWhenItsServerCloses() throws IOException {
		RabbitDriver driver = driver(Map.of());
		Listener server = driver.listen(Target.topic(this.topic).withServer("srv1"), Delivery::ack);
		String fanoutQueue = fanoutQueue(RabbitCtl.queues(this::ours).keySet());

		server.close();

		assertThat(RabbitCtl.queues(this::ours)).doesNotContainKey(fanoutQueue).containsKeys(this.topic,
				this.topic + ".srv1");
	}

	/** Declares what every role declares: an RPC server, a reply queue, a notifier, a pooled listener. */
	private Topology declareEveryRole(Map<String, String> options) {
		RabbitDriver driver = driver(options);
		this.listeners.add(driver.listen(Target.topic(this.topic).withServer("srv1"), Delivery::ack));
		String replyQueue = driver.startReplyConsumer((delivery) -> {
		});
		this.queues.add(replyQueue);
		driver.sendNotification(this.notificationTopic, "info", message()).block(Duration.ofSeconds(10));
		this.listeners.add(driver.listenForNotifications(List.of(new NotificationBinding(null, this.notificationTopic,
				"info"), new NotificationBinding(null, this.notificationTopic, "error")), this.pool, Delivery::ack));
		driver.sendRequest(Target.topic(this.topic).withFanout(true), message()).block(Duration.ofSeconds(10));
		Predicate<String> names = (name) -> ours(name) || name.equals(replyQueue);
		Map<String, QueueInfo> declared = RabbitCtl.queues(names);
		this.queues.add(fanoutQueue(declared.keySet()));
		return new Topology(RabbitCtl.exchanges(this::ours), declared, fanoutQueue(declared.keySet()), replyQueue);
	}

	private Map<String, QueueInfo> expectedQueues(Topology topology, QueueInfo shared, QueueInfo transientQueue) {
		Map<String, QueueInfo> expected = new LinkedHashMap<>();
		expected.put(this.topic, shared);
		expected.put(this.topic + ".srv1", shared);
		expected.put(this.notificationTopic + ".info", shared);
		expected.put(this.pool, shared);
		expected.put(topology.fanoutQueue(), transientQueue);
		expected.put(topology.replyQueue(), transientQueue);
		return expected;
	}

	private String fanoutQueue(Set<String> queues) {
		return queues.stream().filter((name) -> name.matches(this.topic + "_fanout_[0-9a-f]{32}")).findFirst()
			.orElseThrow(() -> new AssertionError("no fanout queue among " + queues));
	}

	private RabbitDriver driver(Map<String, String> options) {
		Map<String, String> query = new LinkedHashMap<>(options);
		query.put("control_exchange", this.control);
		RabbitDriver driver = RabbitDriver.create(RabbitTestSupport.url(query));
		this.drivers.add(driver);
		return driver;
	}

	private boolean ours(String name) {
		return name.startsWith(this.prefix);
	}

	private static OutgoingMessage message() {
		return OutgoingMessage.of("{}".getBytes(StandardCharsets.UTF_8));
	}

	private record Topology(Map<String, ExchangeInfo> exchanges, Map<String, QueueInfo> queues, String fanoutQueue,
			String replyQueue) {
	}

}
