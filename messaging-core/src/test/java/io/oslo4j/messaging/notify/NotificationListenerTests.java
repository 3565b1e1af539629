package io.oslo4j.messaging.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.TestEndpoints.Instance;
import io.oslo4j.messaging.notify.TestEndpoints.Recorder;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** How a {@link NotificationListener} binds parameters and guards its lifecycle, on {@code fake://}. */
class NotificationListenerTests {

	private static final Duration AWAIT = Duration.ofSeconds(10);

	private final Transport transport = Transport.open("fake:///notify-listener-" + MessageIds.newHexId());

	private final MessagingExecutor executor = MessagingExecutors.create(ExecutorKind.EVENTLET);

	private final Notifier notifier = Notifier.create(this.transport, "compute.host1");

	private NotificationListener listener;

	@AfterEach
	void close() {
		if (this.listener != null) {
			this.listener.stop();
			this.listener.awaitTermination(AWAIT);
		}
		this.transport.close();
		this.executor.disposeGracefully().block(AWAIT);
	}

	@Test
	void thePayloadIsBoundByAnnotationOrThroughTheWholeNotificationWithItsDeclaredType() {
		Typed endpoint = new Typed();
		start(endpoint);
		this.notifier.info(RequestContext.empty(), "typed", Map.of("id", "abc", "state", "active"));
		this.notifier.error(RequestContext.empty(), "typed", List.of(Map.of("id", "a", "state", "s")));
		await().atMost(AWAIT).until(() -> endpoint.received.size() == 3);
		assertThat(endpoint.received).contains(new Instance("abc", "active"), "compute.host1 typed",
				List.of(new Instance("a", "s")));
	}

	public static final class Typed {

		final List<Object> received = new CopyOnWriteArrayList<>();

		public void info(@NotificationPayload Instance instance, String publisher_id, String event_type) {
			this.received.add(instance);
			this.received.add(publisher_id + " " + event_type);
		}

		public void error(Notification<List<Instance>> notification) {
			this.received.add(notification.payload());
		}

	}

	@Test
	void aPayloadThatDoesNotConvertCountsAsRequeueAndStopsTheVisit() {
		Typed typed = new Typed();
		Recorder after = new Recorder();
		start(NotificationListener.builder(this.transport).target(Target.topic("notifications")).endpoint(typed)
			.endpoint(after).executor(this.executor));
		this.notifier.info(RequestContext.empty(), "not.an.instance", "a plain string");
		this.notifier.info(RequestContext.empty(), "an.instance", Map.of("id", "abc", "state", "active"));
		await().atMost(AWAIT).until(() -> after.received.size() == 1);
		assertThat(after.eventTypes()).containsExactly("an.instance");
		assertThat(typed.received).hasSize(2);
	}

	@Test
	void theOutcomeOfACompletionStageMethodDecidesTheAcknowledgement() {
		Staged endpoint = new Staged();
		start(builder(endpoint).allowRequeue(true));
		this.notifier.info(RequestContext.empty(), "staged", null);
		await().atMost(AWAIT).until(() -> endpoint.calls.size() == 2);
		await().during(Duration.ofMillis(300)).atMost(AWAIT).until(() -> endpoint.calls.size() == 2);
	}

	public static final class Staged {

		final List<String> calls = new CopyOnWriteArrayList<>();

		public CompletionStage<NotificationResult> info(String eventType) {
			this.calls.add(eventType);
			boolean first = this.calls.size() == 1;
			return CompletableFuture.supplyAsync(() -> first ? NotificationResult.REQUEUE : NotificationResult.HANDLED);
		}

	}

	@Test
	void startingARunningListenerDoesNothing() {
		start(new Recorder());
		this.listener.start();
		assertThat(this.listener.isRunning()).isTrue();
	}

	@Test
	void awaitingTerminationOfAListenerNeverStartedReturnsAtOnce() {
		this.listener = builder(new Recorder()).build();
		assertThat(this.listener.awaitTermination(Duration.ZERO)).isTrue();
		this.listener.stop();
		assertThat(this.listener.isRunning()).isFalse();
	}

	@Test
	void awaitingTerminationOfARunningListenerStopsItFirst() {
		start(new Recorder());
		assertThat(this.listener.awaitTermination(Duration.ofSeconds(5))).isTrue();
		assertThat(this.listener.isRunning()).isFalse();
	}

	@Test
	void startingAStoppedListenerBeforeItTerminatedIsRefused() {
		start(new Recorder());
		this.listener.stop();
		assertThatIllegalStateException().isThrownBy(this.listener::start)
			.withMessageContaining("call awaitTermination() before starting it again");
	}

	private void start(Object endpoint) {
		start(builder(endpoint));
	}

	private void start(NotificationListener.Builder builder) {
		this.listener = builder.build();
		this.listener.start();
	}

	private NotificationListener.Builder builder(Object endpoint) {
		return NotificationListener.builder(this.transport)
			.target(Target.topic("notifications"))
			.endpoint(endpoint)
			.executor(this.executor);
	}

}
