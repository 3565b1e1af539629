package io.oslo4j.messaging.reliability;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.testsupport.Figures;
import io.oslo4j.messaging.testsupport.ThrowawayBroker;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.WireLimits;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A notification that its endpoint can never handle, with requeueing allowed, goes round a bounded
 * number of times, then is dead-lettered (nothing is lost when the queue has a dead-letter
 * exchange), and the notifications behind it keep flowing: bounded by the listener
 * ({@code maxRequeues}) on a classic queue, or by the broker ({@code rabbit_quorum_delivery_limit})
 * on a quorum queue. On a node of the test's own, since dead-lettering takes a broker policy.
 */
class PoisonNotificationTests {

	private static final int FINE = 20;

	private static ThrowawayBroker broker;

	private final Poisoned endpoint = new Poisoned();

	private @Nullable NotificationListener listener;

	private @Nullable MessagingExecutor executor;

	private @Nullable Transport transport;

	@BeforeAll
	static void startBroker() {
		broker = ThrowawayBroker.builder("poison").start();
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@AfterEach
	void stop() {
		if (this.listener != null) {
			this.listener.awaitTermination(Duration.ofSeconds(10));
		}
		if (this.executor != null) {
			this.executor.disposeGracefully().block(Duration.ofSeconds(10));
		}
		if (this.transport != null) {
			this.transport.close();
		}
	}

	@Test
	void onAClassicQueueTheListenerRejectsItAfterMaxRequeuesAndItIsDeadLettered() throws Exception {
		String topic = "poison-" + MessageIds.newHexId().substring(0, 10);
		String deadLetters = deadLetterQueueFor(topic);
		listen(broker.url(Map.of("amqp_durable_queues", "true")), topic, 3);
		publish(topic);

		await().atMost(30, TimeUnit.SECONDS).until(() -> this.endpoint.handled.size() == FINE);
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.endpoint.poisonAttempts.get() == 4);
		await().during(Duration.ofSeconds(1)).atMost(10, TimeUnit.SECONDS)
			.until(() -> this.endpoint.poisonAttempts.get() == 4);
		String reason = awaitDeadLetter(deadLetters);
		assertThat(reason).isEqualTo("rejected");
		Figures.record("poison notification, classic queue, maxRequeues 3", "deliveries, then dead-lettered as",
				this.endpoint.poisonAttempts.get() + ", " + reason);
	}

	@Test
	void onAQuorumQueueTheBrokersDeliveryLimitBoundsItWhateverTheListenerAllows() throws Exception {
		String topic = "poison-" + MessageIds.newHexId().substring(0, 10);
		String deadLetters = deadLetterQueueFor(topic);
		listen(broker.url(Map.of("rabbit_quorum_queue", "true", "rabbit_quorum_delivery_limit", "3")), topic, -1);
		publish(topic);

		await().atMost(30, TimeUnit.SECONDS).until(() -> this.endpoint.handled.size() == FINE);
		String reason = awaitDeadLetter(deadLetters);
		await().during(Duration.ofSeconds(1)).atMost(10, TimeUnit.SECONDS)
			.until(() -> this.endpoint.poisonAttempts.get() <= 1 + 3 + 1);
		assertThat(reason).isEqualTo("delivery_limit");
		Figures.record("poison notification, quorum queue, x-delivery-limit 3, listener unbounded",
				"deliveries, then dead-lettered as", this.endpoint.poisonAttempts.get() + ", " + reason);
	}

	private void listen(String url, String topic, int maxRequeues) {
		this.transport = Transport.open(url);
		this.executor = MessagingExecutors.create(ExecutorKind.EVENTLET);
		this.listener = NotificationListener.builder(this.transport)
			.target(Target.topic(topic))
			.endpoint(this.endpoint)
			.executor(this.executor)
			.allowRequeue(true)
			.maxRequeues(maxRequeues)
			.build();
		this.listener.start();
	}

	private void publish(String topic) {
		Notifier notifier = Notifier.builder(this.transport).publisherId("poison").topics(topic).build();
		notifier.info(RequestContext.empty(), "poison", null);
		for (int i = 0; i < FINE; i++) {
			notifier.info(RequestContext.empty(), "fine." + i, null);
		}
	}

	/** A policy dead-letters the topic's queues to a queue of their own, which this returns. */
	private static String deadLetterQueueFor(String topic) throws IOException, TimeoutException {
		String deadLetters = topic + "-dead-letters";
		try (Connection connection = broker.openConnection(); Channel channel = connection.createChannel()) {
			channel.exchangeDeclare(deadLetters, "fanout", true);
			channel.queueDeclare(deadLetters, true, false, false, null);
			channel.queueBind(deadLetters, deadLetters, "");
		}
		broker.ctl("set_policy", topic, "^" + topic + "\\.", "{\"dead-letter-exchange\":\"" + deadLetters + "\"}",
				"--apply-to", "queues");
		return deadLetters;
	}

	/** Waits for the dead-lettered poison notification; returns why it was dead-lettered. */
	@SuppressWarnings("unchecked")
	private static String awaitDeadLetter(String queue) throws IOException, TimeoutException {
		try (Connection connection = broker.openConnection(); Channel channel = connection.createChannel()) {
			GetResponse[] got = new GetResponse[1];
			await().atMost(30, TimeUnit.SECONDS).until(() -> (got[0] = channel.basicGet(queue, true)) != null);
			ObjectNode notification = new Envelope(WireLimits.defaults()).unwrap(got[0].getBody(), Envelope.CONTENT_TYPE,
					Map.of());
			assertThat(notification.get("event_type").asString()).isEqualTo("poison");
			List<Map<String, Object>> deaths = (List<Map<String, Object>>) got[0].getProps().getHeaders().get("x-death");
			return deaths.get(0).get("reason").toString();
		}
	}

	/** Fails every time on the event type {@code poison}; records every other one. */
	public static class Poisoned {

		final AtomicInteger poisonAttempts = new AtomicInteger();

		final List<String> handled = new CopyOnWriteArrayList<>();

		public void info(String eventType) {
			if ("poison".equals(eventType)) {
				this.poisonAttempts.incrementAndGet();
				throw new IllegalStateException("this notification can never be handled");
			}
			this.handled.add(eventType);
		}

	}

}
