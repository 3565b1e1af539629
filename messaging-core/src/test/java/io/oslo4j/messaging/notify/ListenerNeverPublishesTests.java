package io.oslo4j.messaging.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.transport.TransportDriver;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.NotificationMessage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A notification listener settles messages on the broker and never publishes: whatever a message
 * names (a {@code _reply_q}, a {@code _msg_id}, a reply address in its context), requeueing it,
 * rejecting it for good once it was requeued too often (which dead-letters it when its queue has
 * a dead-letter exchange: the broker's doing, not the listener's) and rejecting an undecodable one
 * are acknowledgements only. The listener runs on a driver that refuses every publish, and a
 * marker sent after shows that nothing reached the queue the message named. On RabbitMQ, a
 * listener whose user may write to no exchange at all does the same, in
 * {@code reliability.LeastPrivilegeTests}.
 */
class ListenerNeverPublishesTests {

	private static final String MARKER = "marker sent after";

	private Transport shared;

	private ListenOnlyDriver listenOnly;

	private String topic;

	private final Queue<String> victim = new ConcurrentLinkedQueue<>();

	private final MessagingExecutor executor = MessagingExecutors.create(ExecutorKind.EVENTLET);

	private @Nullable NotificationListener listener;

	@BeforeEach
	void open() {
		this.shared = Transport.open("fake:///" + MessageIds.newHexId());
		this.listenOnly = new ListenOnlyDriver(this.shared.driver());
		this.topic = "listener-" + MessageIds.newHexId().substring(0, 10);
		this.shared.driver()
			.listenForNotifications(List.of(new NotificationBinding(null, "victim_service", "info")), "victim_service",
					(delivery) -> {
						this.victim.add(new String(delivery.body(), StandardCharsets.UTF_8));
						delivery.ack();
					});
	}

	@AfterEach
	void close() {
		if (this.listener != null) {
			this.listener.awaitTermination(Duration.ofSeconds(10));
		}
		this.executor.disposeGracefully().block(Duration.ofSeconds(10));
		this.shared.close();
	}

	@Test
	void requeueingAndRejectingForGoodPublishNothingWhateverTheMessageNames() {
		TestEndpoints.Scripted endpoint = new TestEndpoints.Scripted((call) -> NotificationResult.REQUEUE);
		start(NotificationListener.builder(Transport.of(this.listenOnly))
			.target(Target.topic(this.topic))
			.endpoint(endpoint)
			.allowRequeue(true)
			.maxRequeues(2));
		publish(namingTheVictim());
		await().until(() -> endpoint.calls.get() == 3 && this.listener.inFlight() == 0);
		assertVictimGotOnlyTheMarker();
		assertThat(this.listenOnly.publishes).isEmpty();
	}

	@Test
	void rejectingAnUndecodableMessagePublishesNothing() {
		TestEndpoints.Scripted endpoint = new TestEndpoints.Scripted((call) -> NotificationResult.HANDLED);
		start(NotificationListener.builder(Transport.of(this.listenOnly)).target(Target.topic(this.topic)).endpoint(endpoint));
		String cutShort = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"_msg_id\\\": \\\"1\\\", "
				+ "\\\"_reply_q\\\": \\\"victim_service\\\", \"}";
		this.shared.driver()
			.sendNotification(this.topic, "info", OutgoingMessage.of(cutShort.getBytes(StandardCharsets.UTF_8)))
			.block(Duration.ofSeconds(10));
		publish(this.shared.envelope().mapper().createObjectNode().put("event_type", "after").put("priority", "info"));
		await().until(() -> endpoint.eventTypes.contains("after") && this.listener.inFlight() == 0);
		assertVictimGotOnlyTheMarker();
		assertThat(this.listenOnly.publishes).isEmpty();
	}

	private void start(NotificationListener.Builder builder) {
		this.listener = builder.executor(this.executor).build();
		this.listener.start();
	}

	/** An info notification that names the victim's queue every way an RPC message could. */
	private ObjectNode namingTheVictim() {
		ObjectNode message = new NotificationMessage(MessageIds.newDashedId(), "attacker", "compute.instance.update",
				"INFO", this.shared.envelope().mapper().createObjectNode().put("_reply_q", "victim_service"),
				"2026-12-01 10:00:00.000000", MessageIds.newHexId(), RequestContext.empty().with("reply_to", "victim_service"))
			.toJson(this.shared.envelope().mapper());
		return message.put("_msg_id", MessageIds.newHexId()).put("_reply_q", "victim_service").put("reply_to",
				"victim_service");
	}

	private void publish(ObjectNode message) {
		this.shared.driver()
			.sendNotification(this.topic, "info", OutgoingMessage.of(this.shared.envelope().wrap(message)))
			.block(Duration.ofSeconds(10));
	}

	private void assertVictimGotOnlyTheMarker() {
		this.shared.driver()
			.sendNotification("victim_service", "info", OutgoingMessage.of(MARKER.getBytes(StandardCharsets.UTF_8)))
			.block(Duration.ofSeconds(10));
		await().until(() -> !this.victim.isEmpty());
		assertThat(this.victim).containsExactly(MARKER);
	}

	/** Lets a listener listen, and records and refuses anything it would publish. */
	private static final class ListenOnlyDriver implements TransportDriver {

		final Queue<String> publishes = new ConcurrentLinkedQueue<>();

		private final TransportDriver delegate;

		ListenOnlyDriver(TransportDriver delegate) {
			this.delegate = delegate;
		}

		@Override
		public String controlExchange() {
			return this.delegate.controlExchange();
		}

		@Override
		public Listener listenForNotifications(List<NotificationBinding> bindings, @Nullable String pool,
				DeliveryHandler handler) {
			return this.delegate.listenForNotifications(bindings, pool, handler);
		}

		@Override
		public Mono<Void> sendRequest(Target target, OutgoingMessage message) {
			return refuse("request to " + target);
		}

		@Override
		public Mono<Void> sendReply(String replyQueue, OutgoingMessage message) {
			return refuse("reply to " + replyQueue);
		}

		@Override
		public Mono<Void> sendNotification(String topic, String priority, OutgoingMessage message) {
			return refuse("notification to " + topic + "." + priority);
		}

		@Override
		public String startReplyConsumer(DeliveryHandler handler) {
			this.publishes.add("a reply consumer");
			throw new IllegalStateException("a listener has no reply queue");
		}

		@Override
		public Listener listen(Target target, DeliveryHandler handler) {
			this.publishes.add("an RPC server on " + target);
			throw new IllegalStateException("a listener serves no RPC");
		}

		@Override
		public boolean isConnected() {
			return this.delegate.isConnected();
		}

		@Override
		public void close() {
			// the shared transport closes the delegate
		}

		private Mono<Void> refuse(String what) {
			this.publishes.add(what);
			return Mono.error(new IllegalStateException("a listener must not publish: " + what));
		}

	}

}
