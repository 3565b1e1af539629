package io.oslo4j.messaging.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessageUndeliverableException;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every transport driver must do, written once and run against each implementation
 * ({@code fake://}, {@code rabbit://}): routing as oslo's RabbitMQ driver routes, acknowledgement
 * and requeue, listener lifecycle, replies and notifications.
 *
 * <p>Each test gets a fresh driver whose control exchange and names are its own, so that tests
 * never see each other's messages on a shared broker. Absence of a message is shown without
 * waiting: a marker sent after it on the same path arrives after anything that would have.
 */
public abstract class TransportDriverContract {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<TransportDriver> drivers = new ArrayList<>();

	private final List<Listener> listeners = new ArrayList<>();

	private final Set<String> queues = new LinkedHashSet<>();

	private final Set<String> exchanges = new LinkedHashSet<>();

	private String prefix;

	private TransportDriver driver;

	/**
	 * A new driver; every driver of one test must share one broker (or virtual host).
	 * @param namespace unique to the test, usable as a virtual host name
	 * @param options transport URL options: {@code control_exchange},
	 * {@code kombu_missing_consumer_retry_timeout}
	 */
	protected abstract TransportDriver createDriver(String namespace, Map<String, String> options);

	/** Deletes, after a test, the queues and exchanges it used; nothing to do in memory. */
	protected void deleteBrokerEntities(Set<String> queues, Set<String> exchanges) {
	}

	@BeforeEach
	void createDriver() {
		this.prefix = "oslo4j_" + MessageIds.newHexId().substring(0, 12);
		this.driver = newDriver();
		this.exchanges.add(this.driver.controlExchange());
	}

	@AfterEach
	void closeEverything() {
		this.listeners.forEach(Listener::close);
		this.drivers.forEach(TransportDriver::close);
		deleteBrokerEntities(this.queues, this.exchanges);
	}

	@Test
	void requestsToATopicAreSharedRoundRobinBetweenItsServers() {
		String topic = topic("shared");
		Inbox first = new Inbox();
		Inbox second = new Inbox();
		listen(topic, "s1", first);
		listen(topic, "s2", second);

		for (int i = 0; i < 10; i++) {
			send(Target.topic(topic), "request " + i);
		}

		await().atMost(WAIT).until(() -> first.count() + second.count() >= 10);
		assertThat(first.count() + second.count()).isEqualTo(10);
		assertThat(first.count()).isPositive();
		assertThat(second.count()).isPositive();
	}

	@Test
	void aRequestToOneServerReachesThatServerOnly() {
		String topic = topic("directed");
		Inbox first = new Inbox();
		Inbox second = new Inbox();
		listen(topic, "s1", first);
		listen(topic, "s2", second);

		send(Target.topic(topic).withServer("s1"), "for s1");
		send(Target.topic(topic).withServer("s2"), "marker");

		await().atMost(WAIT).until(() -> first.count() >= 1 && second.count() >= 1);
		assertThat(first.bodies()).containsExactly("for s1");
		assertThat(second.bodies()).containsExactly("marker");
	}

	@Test
	void aFanoutRequestReachesEveryServerOfTheTopic() {
		String topic = topic("fanout");
		Inbox first = new Inbox();
		Inbox second = new Inbox();
		listen(topic, "s1", first);
		listen(topic, "s2", second);

		send(Target.topic(topic).withFanout(true), "to everyone");

		await().atMost(WAIT).until(() -> first.count() >= 1 && second.count() >= 1);
		assertThat(first.bodies()).containsExactly("to everyone");
		assertThat(second.bodies()).containsExactly("to everyone");
	}

	@Test
	void aFanoutRequestWithoutServersIsDroppedQuietly() {
		String topic = topic("nofanout");
		this.exchanges.add(QueueNames.fanoutExchange(topic));

		StepVerifier.create(this.driver.sendRequest(Target.topic(topic).withFanout(true),
				new OutgoingMessage(bytes("nobody"), null, true)))
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void aServerDoesNotReceiveRequestsSentToAnotherExchange() {
		String topic = topic("exchanges");
		String exchangeA = exchange("a");
		String exchangeB = exchange("b");
		Inbox server = new Inbox();
		listen(Target.topic(topic).withExchange(exchangeA).withServer("s1"), server);

		send(Target.topic(topic).withExchange(exchangeB), "sent to b");
		StepVerifier.create(this.driver.sendRequest(Target.topic(topic).withExchange(exchangeB),
				new OutgoingMessage(bytes("mandatory to b"), null, true)))
			.expectError(MessageUndeliverableException.class)
			.verify(WAIT);
		send(Target.topic(topic).withExchange(exchangeA), "marker");

		await().atMost(WAIT).until(() -> server.count() >= 1);
		assertThat(server.bodies()).containsExactly("marker");
	}

	/** oslo's queue names ignore the exchange: servers of a topic on two exchanges share its queue. */
	@Test
	void serversOfOneTopicOnTwoExchangesShareTheTopicQueue() {
		String topic = topic("crossbound");
		String exchangeA = exchange("a");
		String exchangeB = exchange("b");
		Inbox onA = new Inbox();
		Inbox onB = new Inbox();
		listen(Target.topic(topic).withExchange(exchangeA).withServer("s1"), onA);
		listen(Target.topic(topic).withExchange(exchangeB).withServer("s2"), onB);

		for (int i = 0; i < 10; i++) {
			send(Target.topic(topic).withExchange(exchangeA), "to a " + i);
		}

		await().atMost(WAIT).until(() -> onA.count() + onB.count() >= 10);
		assertThat(onA.count() + onB.count()).isEqualTo(10);
		assertThat(onB.count()).isPositive();
	}

	@Test
	void aMandatoryRequestThatNoQueueTakesFailsAsUndeliverable() {
		String topic = topic("unroutable");

		StepVerifier.create(this.driver.sendRequest(Target.topic(topic), new OutgoingMessage(bytes("lost"), null, true)))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(MessageUndeliverableException.class)
				.hasMessageContaining(topic))
			.verify(WAIT);
		StepVerifier.create(this.driver.sendRequest(Target.topic(topic), OutgoingMessage.of(bytes("dropped"))))
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void aMandatoryRequestThatAQueueTakesCompletes() {
		String topic = topic("routable");
		Inbox server = new Inbox();
		listen(topic, "s1", server);

		StepVerifier.create(this.driver.sendRequest(Target.topic(topic), new OutgoingMessage(bytes("taken"), null, true)))
			.expectComplete()
			.verify(WAIT);
		await().atMost(WAIT).until(() -> server.count() >= 1);
	}

	@Test
	void deliveriesCarryTheBodyAndTheJsonContentType() {
		String topic = topic("body");
		Inbox server = new Inbox();
		listen(topic, "s1", server);
		byte[] body = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{}\"}".getBytes(StandardCharsets.UTF_8);

		send(Target.topic(topic), body);

		await().atMost(WAIT).until(() -> server.count() >= 1);
		Delivery delivery = server.deliveries.get(0);
		assertThat(delivery.body()).isEqualTo(body);
		assertThat(delivery.contentType()).isEqualTo("application/json");
		assertThat(delivery.headers()).isEmpty();
		assertThat(delivery.redelivered()).isFalse();
	}

	@Test
	void aReplyReachesTheReplyQueueAlreadyAcknowledged() {
		Inbox replies = new Inbox((delivery) -> delivery.reject(true));
		String replyQueue = startReplyConsumer(replies);

		assertThat(replyQueue).matches("reply_[0-9a-f]{32}");
		assertThat(this.driver.startReplyConsumer(new Inbox())).isEqualTo(replyQueue);
		sendReply(replyQueue, "reply 1");
		sendReply(replyQueue, "reply 2");

		await().atMost(WAIT).until(() -> replies.count() >= 2);
		assertThat(replies.bodies()).containsExactly("reply 1", "reply 2");
	}

	@Test
	void aReplyToAMissingQueueIsHeldForRetryAndItsPublishReturnsAtOnce() {
		String replyQueue = "reply_" + MessageIds.newHexId();

		StepVerifier.create(this.driver.sendReply(replyQueue, OutgoingMessage.of(bytes("late"))))
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void repliesToAReplyQueueGivenUpAreDroppedAtOnce() {
		String replyQueue = "reply_" + MessageIds.newHexId();
		sendReply(replyQueue, "late");

		await().atMost(WAIT).until(() -> this.driver.sendReply(replyQueue, OutgoingMessage.of(bytes("later")))
			.then(Mono.just(""))
			.onErrorResume(MessageDeliveryFailureException.class, (error) -> Mono.just(error.getMessage()))
			.block(WAIT)
			.contains("less than 60 s ago"));
	}

	@Test
	void notificationsWaitInTheirQueueUntilAListenerStarts() {
		String topic = topic("notifications");
		this.queues.add(topic + ".info");
		sendNotification(topic, "info", "first");
		sendNotification(topic, "info", "second");

		Inbox listener = new Inbox();
		listenForNotifications(List.of(binding(topic, "info")), null, listener);

		await().atMost(WAIT).until(() -> listener.count() >= 2);
		assertThat(listener.bodies()).containsExactly("first", "second");
	}

	@Test
	void everyPoolGetsItsOwnCopyOfANotification() {
		String topic = topic("pools");
		this.queues.add(topic + ".info");
		String poolA = pool("a");
		String poolB = pool("b");
		Inbox listenerA = new Inbox();
		Inbox listenerB = new Inbox();
		listenForNotifications(List.of(binding(topic, "info"), binding(topic, "error")), poolA, listenerA);
		listenForNotifications(List.of(binding(topic, "info")), poolB, listenerB);

		sendNotification(topic, "info", "info");
		sendNotification(topic, "error", "error");

		await().atMost(WAIT).until(() -> listenerA.count() >= 2 && listenerB.count() >= 1);
		assertThat(listenerA.bodies()).containsExactlyInAnyOrder("info", "error");
		assertThat(listenerB.bodies()).containsExactly("info");
	}

	@Test
	void listenersWithoutAPoolCompeteForNotifications() {
		String topic = topic("competing");
		Inbox first = new Inbox();
		Inbox second = new Inbox();
		listenForNotifications(List.of(binding(topic, "info")), null, first);
		listenForNotifications(List.of(binding(topic, "info")), null, second);

		for (int i = 0; i < 10; i++) {
			sendNotification(topic, "info", "notification " + i);
		}

		await().atMost(WAIT).until(() -> first.count() + second.count() >= 10);
		assertThat(first.count() + second.count()).isEqualTo(10);
		assertThat(first.count()).isPositive();
		assertThat(second.count()).isPositive();
	}

	@Test
	void aRejectedAndRequeuedDeliveryComesBackMarkedRedelivered() {
		String topic = topic("requeue");
		AtomicInteger attempts = new AtomicInteger();
		Inbox listener = new Inbox((delivery) -> {
			if (attempts.incrementAndGet() == 1) {
				delivery.reject(true);
			}
			else {
				delivery.ack();
			}
		});
		listenForNotifications(List.of(binding(topic, "info")), null, listener);

		sendNotification(topic, "info", "again");

		await().atMost(WAIT).until(() -> listener.count() >= 2);
		assertThat(listener.deliveries.get(0).redelivered()).isFalse();
		assertThat(listener.deliveries.get(1).redelivered()).isTrue();
		assertThat(listener.bodies()).containsExactly("again", "again");
	}

	@Test
	void aRejectedDeliveryWithoutRequeueIsGone() {
		String topic = topic("reject");
		Inbox listener = new Inbox((delivery) -> {
			if (new String(delivery.body(), StandardCharsets.UTF_8).equals("rejected")) {
				delivery.reject(false);
			}
			else {
				delivery.ack();
			}
		});
		listenForNotifications(List.of(binding(topic, "info")), null, listener);

		sendNotification(topic, "info", "rejected");
		sendNotification(topic, "info", "marker");

		await().atMost(WAIT).until(() -> listener.count() >= 2);
		assertThat(listener.bodies()).containsExactly("rejected", "marker");
	}

	@Test
	void unsettledDeliveriesGoBackToTheQueueWhenTheirListenerCloses() {
		String topic = topic("unsettled");
		Inbox holding = new Inbox((delivery) -> {
		});
		Listener first = listenForNotifications(List.of(binding(topic, "info")), null, holding);
		sendNotification(topic, "info", "held");
		await().atMost(WAIT).until(() -> holding.count() >= 1);

		first.close();
		Inbox next = new Inbox();
		listenForNotifications(List.of(binding(topic, "info")), null, next);

		await().atMost(WAIT).until(() -> next.count() >= 1);
		assertThat(next.bodies()).containsExactly("held");
		assertThat(next.deliveries.get(0).redelivered()).isTrue();
	}

	@Test
	void aStoppedListenerReceivesNothingMoreAndItsQueueKeepsTheMessages() {
		String topic = topic("stopped");
		Inbox stopped = new Inbox();
		Listener first = listen(topic, "s1", stopped);
		assertThat(first.isConsuming()).isTrue();

		first.stop();
		first.stop();
		assertThat(first.isConsuming()).isFalse();
		send(Target.topic(topic).withServer("s1"), "after stop");
		Inbox next = new Inbox();
		listen(topic, "s1", next);

		await().atMost(WAIT).until(() -> next.count() >= 1);
		assertThat(next.bodies()).containsExactly("after stop");
		assertThat(stopped.count()).isZero();
	}

	@Test
	void aDeliveryHandedOverBeforeStopCanStillBeAcknowledged() {
		String topic = topic("ackafterstop");
		Inbox holding = new Inbox((delivery) -> {
		});
		Listener first = listenForNotifications(List.of(binding(topic, "info")), null, holding);
		sendNotification(topic, "info", "handled");
		await().atMost(WAIT).until(() -> holding.count() >= 1);

		first.stop();
		holding.deliveries.get(0).ack();
		first.close();
		sendNotification(topic, "info", "marker");
		Inbox next = new Inbox();
		listenForNotifications(List.of(binding(topic, "info")), null, next);

		await().atMost(WAIT).until(() -> next.count() >= 1);
		assertThat(next.bodies()).containsExactly("marker");
	}

	@Test
	void deliveriesCanBeSettledFromAnotherThread() {
		String topic = topic("workers");
		ExecutorService workers = Executors.newFixedThreadPool(2);
		try {
			Inbox listener = new Inbox((delivery) -> workers.execute(delivery::ack));
			Listener first = listenForNotifications(List.of(binding(topic, "info")), null, listener);
			for (int i = 0; i < 5; i++) {
				sendNotification(topic, "info", "n" + i);
			}
			await().atMost(WAIT).until(() -> listener.count() >= 5);
			first.close();
		}
		finally {
			workers.shutdown();
		}
		sendNotification(topic, "info", "marker");
		Inbox next = new Inbox();
		listenForNotifications(List.of(binding(topic, "info")), null, next);

		await().atMost(WAIT).until(() -> next.count() >= 1);
		assertThat(next.bodies()).containsExactly("marker");
	}

	@Test
	void aHandlerThatThrowsLosesItsMessageButTheListenerKeepsRunning() {
		String topic = topic("failing");
		Inbox listener = new Inbox((delivery) -> {
			if (new String(delivery.body(), StandardCharsets.UTF_8).equals("poison")) {
				throw new IllegalStateException("handler failure expected by the test");
			}
			delivery.ack();
		});
		Listener running = listenForNotifications(List.of(binding(topic, "info")), null, listener);

		sendNotification(topic, "info", "poison");
		sendNotification(topic, "info", "next");

		await().atMost(WAIT).until(() -> listener.count() >= 2);
		assertThat(listener.bodies()).containsExactly("poison", "next");
		assertThat(running.isConsuming()).isTrue();
	}

	@Test
	void anExpiredRequestIsDroppedBeforeItReachesAServer() {
		String topic = topic("expiring");
		Listener first = listen(topic, "s1", new Inbox());
		first.close();

		StepVerifier.create(this.driver.sendRequest(Target.topic(topic),
				new OutgoingMessage(bytes("stale"), Duration.ZERO, false)))
			.expectComplete()
			.verify(WAIT);
		send(Target.topic(topic), "fresh");
		Inbox server = new Inbox();
		listen(topic, "s2", server);

		await().atMost(WAIT).until(() -> server.count() >= 1);
		assertThat(server.bodies()).containsExactly("fresh");
	}

	@Test
	void aServerQueueGetsRequestsForThatServerAcrossRestarts() {
		String topic = topic("restart");
		listen(topic, "s1", new Inbox()).close();

		send(Target.topic(topic).withServer("s1"), "while down");
		Inbox restarted = new Inbox();
		listen(topic, "s1", restarted);

		await().atMost(WAIT).until(() -> restarted.count() >= 1);
		assertThat(restarted.bodies()).containsExactly("while down");
	}

	@Test
	void aClosedDriverIsNotConnected() {
		listen(topic("connected"), "s1", new Inbox());
		assertThat(this.driver.isConnected()).isTrue();

		this.driver.close();

		assertThat(this.driver.isConnected()).isFalse();
	}

	@Test
	void aServerNeedsATopicAndAServerName() {
		assertThatThrownBy(() -> this.driver.listen(Target.topic(topic("noserver")), new Inbox()))
			.hasMessageContaining("server");
		StepVerifier.create(this.driver.sendRequest(Target.empty(), OutgoingMessage.of(bytes("x"))))
			.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("topic"))
			.verify(WAIT);
	}

	/** A second driver on the same broker, closed after the test. */
	protected TransportDriver newDriver() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("control_exchange", this.prefix + "_control");
		options.put("kombu_missing_consumer_retry_timeout", "1");
		TransportDriver created = createDriver(this.prefix, options);
		this.drivers.add(created);
		return created;
	}

	private String topic(String name) {
		String topic = this.prefix + "_" + name;
		this.queues.add(topic);
		this.exchanges.add(QueueNames.fanoutExchange(topic));
		return topic;
	}

	private String exchange(String name) {
		String exchange = this.prefix + "_exchange_" + name;
		this.exchanges.add(exchange);
		return exchange;
	}

	private String pool(String name) {
		String pool = this.prefix + "_pool_" + name;
		this.queues.add(pool);
		return pool;
	}

	private Listener listen(String topic, String server, Inbox inbox) {
		return listen(Target.topic(topic).withServer(server), inbox);
	}

	private Listener listen(Target target, Inbox inbox) {
		this.queues.add(QueueNames.server(target.topic(), target.server()));
		Listener listener = this.driver.listen(target, inbox);
		this.listeners.add(listener);
		return listener;
	}

	private Listener listenForNotifications(List<NotificationBinding> bindings, String pool, Inbox inbox) {
		bindings.forEach((binding) -> this.queues.add(binding.routingKey()));
		Listener listener = this.driver.listenForNotifications(bindings, pool, inbox);
		this.listeners.add(listener);
		return listener;
	}

	private String startReplyConsumer(Inbox inbox) {
		String replyQueue = this.driver.startReplyConsumer(inbox);
		this.queues.add(replyQueue);
		return replyQueue;
	}

	private void send(Target target, String body) {
		send(target, bytes(body));
	}

	private void send(Target target, byte[] body) {
		StepVerifier.create(this.driver.sendRequest(target, OutgoingMessage.of(body))).expectComplete().verify(WAIT);
	}

	private void sendReply(String replyQueue, String body) {
		StepVerifier.create(this.driver.sendReply(replyQueue, OutgoingMessage.of(bytes(body))))
			.expectComplete()
			.verify(WAIT);
	}

	private void sendNotification(String topic, String priority, String body) {
		this.queues.add(topic + "." + priority);
		StepVerifier.create(this.driver.sendNotification(topic, priority, OutgoingMessage.of(bytes(body))))
			.expectComplete()
			.verify(WAIT);
	}

	private static NotificationBinding binding(String topic, String priority) {
		return new NotificationBinding(null, topic, priority);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Records what a listener receives; acknowledges unless told otherwise. */
	private static final class Inbox implements DeliveryHandler {

		private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

		private final Consumer<Delivery> settle;

		Inbox() {
			this(Delivery::ack);
		}

		Inbox(Consumer<Delivery> settle) {
			this.settle = settle;
		}

		@Override
		public void onDelivery(Delivery delivery) {
			this.deliveries.add(delivery);
			this.settle.accept(delivery);
		}

		int count() {
			return this.deliveries.size();
		}

		List<String> bodies() {
			return this.deliveries.stream().map((delivery) -> new String(delivery.body(), StandardCharsets.UTF_8)).toList();
		}

	}

}
