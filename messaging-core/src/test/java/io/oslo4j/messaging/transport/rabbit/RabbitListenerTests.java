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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.testsupport.RabbitCtl;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How rabbit listeners consume: on which threads, in which order, prefetch, and recovery when the broker takes things away. */
@ExtendWith(RabbitTestSupport.class)
class RabbitListenerTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final Set<String> queues = new LinkedHashSet<>();

	private String prefix;

	private String topic;

	@BeforeEach
	void names() {
		this.prefix = RabbitTestSupport.uniqueName("oslo4j_listener");
		this.topic = this.prefix + "_rpc";
		this.queues.add(this.topic);
		this.queues.add(this.topic + ".srv1");
	}

	@AfterEach
	void closeEverything() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		RabbitTestSupport.delete(this.queues, List.of(this.prefix + "_control", this.topic + "_fanout"));
	}

	@Test
	void amqpClientsDispatchThreadHandsAServersDeliveriesOverOneAtATimeForItsCallsAndForItsFanoutInOrder() {
		RabbitDriver driver = driver(Map.of());
		List<String> threads = new CopyOnWriteArrayList<>();
		List<String> bodies = new CopyOnWriteArrayList<>();
		AtomicInteger concurrentCalls = new AtomicInteger();
		AtomicInteger maxConcurrentCalls = new AtomicInteger();
		AtomicInteger concurrentFanouts = new AtomicInteger();
		AtomicInteger maxConcurrentFanouts = new AtomicInteger();
		listen(driver, (delivery) -> {
			String body = new String(delivery.body(), StandardCharsets.UTF_8);
			AtomicInteger concurrent = body.startsWith("\"fanout") ? concurrentFanouts : concurrentCalls;
			(body.startsWith("\"fanout") ? maxConcurrentFanouts : maxConcurrentCalls)
				.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
			threads.add(Thread.currentThread().getName());
			bodies.add(body);
			delivery.ack();
			concurrent.decrementAndGet();
		});

		for (int i = 0; i < 10; i++) {
			send(driver, Target.topic(this.topic), "\"topic " + i + "\"");
			send(driver, Target.topic(this.topic).withServer("srv1"), "\"server " + i + "\"");
			send(driver, Target.topic(this.topic).withFanout(true), "\"fanout " + i + "\"");
		}

		await().atMost(WAIT).until(() -> threads.size() >= 30);
		assertThat(threads).as("no hand-off to a thread of the listener's own")
			.allSatisfy((thread) -> assertThat(thread).startsWith("oslo4j-rabbit-dispatch-"));
		assertThat(maxConcurrentCalls).as("the topic and server queues share a channel").hasValue(1);
		assertThat(maxConcurrentFanouts).as("the fanout queue has a channel of its own").hasValue(1);
		for (String queue : List.of("topic", "server", "fanout")) {
			assertThat(bodies.stream().filter((body) -> body.startsWith("\"" + queue + " ")))
				.as("each queue's deliveries in the order published")
				.containsExactly(IntStream.range(0, 10)
					.mapToObj((i) -> "\"" + queue + " " + i + "\"").toArray(String[]::new));
		}
	}

	@Test
	void moreListenersBlockedForBackPressureThanAmqpClientsDefaultPoolHasThreadsHoldUpNoOtherListener() {
		moreBlockedListenersThanDefaultDispatchThreadsHoldUpNoOther(driver(Map.of()));
	}

	@Test
	void onAnApplicationsFactoryTheListenersOwnThreadHandsTheDeliveriesOverAndWaitsForBackPressure() {
		CachingConnectionFactory factory = RabbitConnectionFactories.create(TransportUrl.parse(RabbitTestSupport.url()),
				RabbitOptions.defaults());
		this.resources.add(factory::destroy);
		RabbitDriver driver = RabbitDriver.create(factory, RabbitOptions.defaults()
			.with("control_exchange", this.prefix + "_control"));
		this.resources.add(driver);
		List<String> threads = new CopyOnWriteArrayList<>();
		this.resources.add(driver.listen(Target.topic(this.topic).withServer("own"), (delivery) -> {
			threads.add(Thread.currentThread().getName());
			delivery.ack();
		}));
		this.queues.add(this.topic + ".own");
		send(driver, Target.topic(this.topic).withServer("own"));
		await().atMost(WAIT).until(() -> threads.size() == 1);
		assertThat(threads).containsExactly("oslo4j-rabbit-" + this.topic + ".own");

		moreBlockedListenersThanDefaultDispatchThreadsHoldUpNoOther(driver);
	}

	private void moreBlockedListenersThanDefaultDispatchThreadsHoldUpNoOther(RabbitDriver driver) {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger blocked = new AtomicInteger();
		int servers = 2 * Runtime.getRuntime().availableProcessors() + 1;
		for (int i = 0; i < servers; i++) {
			this.queues.add(this.topic + ".blocked" + i);
			this.resources.add(driver.listen(Target.topic(this.topic).withServer("blocked" + i), (delivery) -> {
				blocked.incrementAndGet();
				waitFor(release);
				delivery.ack();
			}));
		}
		List<Delivery> others = new CopyOnWriteArrayList<>();
		listen(driver, (delivery) -> {
			others.add(delivery);
			delivery.ack();
		});

		for (int i = 0; i < servers; i++) {
			send(driver, Target.topic(this.topic).withServer("blocked" + i));
		}
		await().atMost(WAIT).until(() -> blocked.get() == servers);
		send(driver, Target.topic(this.topic).withServer("srv1"));

		await().atMost(WAIT).until(() -> others.size() == 1);
		release.countDown();
	}

	@Test
	void aHandlerBlockedForBackPressureHoldsUpItsOwnListenerOnly() {
		RabbitDriver driver = driver(Map.of());
		CountDownLatch release = new CountDownLatch(1);
		List<Delivery> blocked = new CopyOnWriteArrayList<>();
		listen(driver, (delivery) -> {
			blocked.add(delivery);
			waitFor(release);
			delivery.ack();
		});
		List<Delivery> notifications = new CopyOnWriteArrayList<>();
		String notificationTopic = this.prefix + "_notifications";
		this.queues.add(notificationTopic + ".info");
		this.resources.add(driver.listenForNotifications(List.of(new NotificationBinding(null, notificationTopic, "info")),
				null, (delivery) -> {
					notifications.add(delivery);
					delivery.ack();
				}));

		send(driver, Target.topic(this.topic));
		send(driver, Target.topic(this.topic));
		await().atMost(WAIT).until(() -> blocked.size() == 1);
		for (int i = 0; i < 5; i++) {
			driver.sendNotification(notificationTopic, "info", message()).block(WAIT);
		}

		await().atMost(WAIT).until(() -> notifications.size() == 5);
		assertThat(blocked).hasSize(1);
		release.countDown();
		await().atMost(WAIT).until(() -> blocked.size() == 2);
	}

	@Test
	void withAPrefetchCountAListenerHoldsThatManyUnacknowledgedMessages() throws IOException {
		RabbitDriver driver = driver(Map.of("rabbit_qos_prefetch_count", "2"));
		List<Delivery> held = new CopyOnWriteArrayList<>();
		listen(driver, held::add);

		for (int i = 0; i < 5; i++) {
			send(driver, Target.topic(this.topic));
		}

		await().atMost(WAIT).until(() -> held.size() == 2 && messagesReady(this.topic) == 3);
		held.forEach(Delivery::ack);
		await().atMost(WAIT).until(() -> held.size() == 4);
	}

	@Test
	void withoutAPrefetchCountTheBrokerPushesEverything() throws IOException {
		RabbitDriver driver = driver(Map.of());
		List<Delivery> held = new CopyOnWriteArrayList<>();
		listen(driver, held::add);

		for (int i = 0; i < 5; i++) {
			send(driver, Target.topic(this.topic));
		}

		await().atMost(WAIT).until(() -> held.size() == 5);
		assertThat(messagesReady(this.topic)).isZero();
	}

	@Test
	void aServerWhoseQueueIsDeletedDeclaresItAgainAndKeepsConsuming() throws Exception {
		RabbitDriver driver = driver(Map.of());
		List<Delivery> received = new CopyOnWriteArrayList<>();
		Listener server = listen(driver, (delivery) -> {
			received.add(delivery);
			delivery.ack();
		});

		try (Connection connection = RabbitTestSupport.openConnection(); Channel channel = connection.createChannel()) {
			channel.queueDelete(this.topic);
		}
		await().atMost(WAIT).until(() -> server.isConsuming() && queueExists(this.topic));
		send(driver, Target.topic(this.topic));
		send(driver, Target.topic(this.topic).withFanout(true));

		await().atMost(WAIT).until(() -> received.size() == 2);
	}

	@Test
	void serversAndTheReplyConsumerResumeWithTheSameQueuesAfterTheBrokerClosesTheirConnections() {
		RabbitCtl.assumeAvailable();
		String connectionName = this.prefix + "_connection";
		CachingConnectionFactory factory = RabbitConnectionFactories.create(TransportUrl.parse(RabbitTestSupport.url()),
				RabbitOptions.defaults());
		factory.setConnectionNameStrategy((connectionFactory) -> connectionName);
		this.resources.add(factory::destroy);
		RabbitDriver driver = RabbitDriver.create(factory, RabbitOptions.defaults()
			.with("control_exchange", this.prefix + "_control"));
		this.resources.add(driver);
		List<Delivery> requests = new CopyOnWriteArrayList<>();
		Listener server = listen(driver, (delivery) -> {
			requests.add(delivery);
			delivery.ack();
		});
		List<Delivery> replies = new CopyOnWriteArrayList<>();
		String replyQueue = driver.startReplyConsumer(replies::add);
		this.queues.add(replyQueue);
		Set<String> queuesBefore = RabbitCtl.queues((name) -> name.startsWith(this.prefix) || name.equals(replyQueue))
			.keySet();
		assertThat(driver.isConnected()).isTrue();

		assertThat(RabbitCtl.closeConnections(connectionName)).isPositive();
		send(driver, Target.topic(this.topic));
		send(driver, Target.topic(this.topic).withFanout(true));
		driver.sendReply(replyQueue, message()).block(WAIT);

		await().atMost(WAIT).until(() -> requests.size() >= 2 && replies.size() >= 1);
		assertThat(server.isConsuming()).isTrue();
		assertThat(driver.isConnected()).isTrue();
		assertThat(RabbitCtl.queues((name) -> name.startsWith(this.prefix) || name.equals(replyQueue)).keySet())
			.isEqualTo(queuesBefore);
	}

	private Listener listen(RabbitDriver driver, DeliveryHandler handler) {
		Listener listener = driver.listen(Target.topic(this.topic).withServer("srv1"), handler);
		this.resources.add(listener);
		return listener;
	}

	private RabbitDriver driver(Map<String, String> options) {
		Map<String, String> query = new LinkedHashMap<>(options);
		query.put("control_exchange", this.prefix + "_control");
		RabbitDriver driver = RabbitDriver.create(RabbitTestSupport.url(query));
		this.resources.add(driver);
		return driver;
	}

	private static void send(RabbitDriver driver, Target target) {
		driver.sendRequest(target, message()).block(WAIT);
	}

	private static void send(RabbitDriver driver, Target target, String body) {
		driver.sendRequest(target, OutgoingMessage.of(body.getBytes(StandardCharsets.UTF_8))).block(WAIT);
	}

	private static OutgoingMessage message() {
		return OutgoingMessage.of("{}".getBytes(StandardCharsets.UTF_8));
	}

	private static int messagesReady(String queue) throws IOException {
		try (Connection connection = RabbitTestSupport.openConnection(); Channel channel = connection.createChannel()) {
			return channel.queueDeclarePassive(queue).getMessageCount();
		}
		catch (TimeoutException ex) {
			throw new IOException(ex);
		}
	}

	private static boolean queueExists(String queue) {
		try {
			messagesReady(queue);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
