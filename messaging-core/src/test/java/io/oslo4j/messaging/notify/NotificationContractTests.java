package io.oslo4j.messaging.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import io.oslo4j.messaging.InvalidTargetException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.testsupport.LogCapture;
import io.oslo4j.messaging.notify.TestEndpoints.Batches;
import io.oslo4j.messaging.notify.TestEndpoints.EveryPriority;
import io.oslo4j.messaging.notify.TestEndpoints.FullSignature;
import io.oslo4j.messaging.notify.TestEndpoints.Gate;
import io.oslo4j.messaging.notify.TestEndpoints.Instance;
import io.oslo4j.messaging.notify.TestEndpoints.Poisoned;
import io.oslo4j.messaging.notify.TestEndpoints.Recorder;
import io.oslo4j.messaging.notify.TestEndpoints.Scripted;
import io.oslo4j.messaging.notify.TestEndpoints.Threads;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.NotificationMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What notifiers and notification listeners do on any transport. A subclass supplies the
 * transport: {@link #newTransportUrl()} must give a URL that no other test shares (for
 * {@code fake://}, a fresh virtual host). Each test also uses its own topic, so that a broker
 * shared between tests stays clean.
 */
public abstract class NotificationContractTests {

	private static final Duration AWAIT = Duration.ofSeconds(10);

	private static final Duration QUIET = Duration.ofMillis(300);

	private final List<Transport> transports = new ArrayList<>();

	private final List<NotificationListener> listeners = new ArrayList<>();

	private final List<MessagingExecutor> executors = new ArrayList<>();

	private String url;

	protected String topic;

	protected Transport transport;

	/** A transport URL that no other test uses. */
	protected abstract String newTransportUrl();

	@BeforeEach
	void openTransport() {
		this.url = newTransportUrl();
		this.topic = "notifications-" + MessageIds.newHexId().substring(0, 12);
		this.transport = openTransportOnSameBroker();
	}

	@AfterEach
	void closeEverything() {
		this.listeners.forEach(NotificationListener::stop);
		this.listeners.forEach((listener) -> listener.awaitTermination(AWAIT));
		this.transports.forEach(Transport::close);
		this.executors.forEach((executor) -> executor.disposeGracefully().block(AWAIT));
	}

	// --- routing and priorities

	@Test
	void everyPriorityReachesTheMethodNamedAfterIt() {
		EveryPriority endpoint = new EveryPriority();
		start(listener(endpoint));
		Notifier notifier = notifier();
		RequestContext ctx = RequestContext.empty();
		notifier.audit(ctx, "e.audit", null);
		notifier.debug(ctx, "e.debug", null);
		notifier.info(ctx, "e.info", null);
		notifier.warn(ctx, "e.warn", null);
		notifier.warning(ctx, "e.warning", null);
		notifier.error(ctx, "e.error", null);
		notifier.critical(ctx, "e.critical", null);
		notifier.sample(ctx, "e.sample", null);
		notifier.notify(Priority.INFO, ctx, "e.notify", null);
		await().atMost(AWAIT).untilAsserted(() -> assertThat(endpoint.calls).containsExactlyInAnyOrder("audit e.audit",
				"debug e.debug", "info e.info", "warn e.warn", "warn e.warning", "error e.error",
				"critical e.critical", "sample e.sample", "info e.notify"));
	}

	@Test
	void theEndpointReceivesTheContextAndMetadataThatAPythonEndpointReceives() {
		FullSignature endpoint = new FullSignature();
		start(listener(endpoint));
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("user_id", "u1");
		context.put("auth_token", "secret");
		context.put("request_id", "req-43");
		notifier().info(RequestContext.of(context), "compute.instance.create.end", new Instance("abc", "active"));
		await().atMost(AWAIT).until(() -> endpoint.calls.size() == 1);
		Object[] call = endpoint.calls.get(0);
		RequestContext ctxt = (RequestContext) call[0];
		assertThat(ctxt.asMap()).containsExactly(Map.entry("user_id", "u1"), Map.entry("request_id", "req-43"),
				new AbstractMap.SimpleEntry<>("client_timeout", null));
		assertThat(call[1]).isEqualTo("compute.host1");
		assertThat(call[2]).isEqualTo("compute.instance.create.end");
		assertThat(call[3]).isEqualTo(new Instance("abc", "active"));
		NotificationMetadata metadata = (NotificationMetadata) call[4];
		assertThat(metadata.messageId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(metadata.timestamp()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?");
		assertThat(metadata.instant()).isNotNull();
		assertThat(call[5]).isEqualTo(Priority.INFO);
	}

	@Test
	void aLowerCasePriorityInTheBodyIsDispatchedAsOslosCommandLineToolSendsIt() {
		Recorder endpoint = new Recorder();
		start(listener(endpoint));
		publishRaw("info", message("info", "cli.test", MessageIds.newHexId()));
		await().atMost(AWAIT).until(() -> endpoint.received.size() == 1);
		assertThat(endpoint.received.get(0).priority()).isEqualTo(Priority.INFO);
		assertThat(endpoint.received.get(0).payload()).isEqualTo(StringNode.valueOf("a plain string"));
	}

	@Test
	void anUnenvelopedNotificationOfTheLegacyMessagingDriverIsDispatched() {
		Recorder endpoint = new Recorder();
		start(listener(endpoint));
		Notifier.builder(this.transport).publisherId("p").topics(this.topic).driver(NotificationDriver.MESSAGING).build()
			.error(RequestContext.empty(), "legacy.error", Map.of("instance_id", "abc"));
		await().atMost(AWAIT).until(() -> endpoint.received.size() == 1);
		assertThat(endpoint.received.get(0).eventType()).isEqualTo("legacy.error");
		assertThat(endpoint.received.get(0).payload().get("instance_id").asString()).isEqualTo("abc");
	}

	@Test
	void oneListenerConsumesEveryTopicOfItsTargets() {
		Recorder endpoint = new Recorder();
		String other = this.topic + "-other";
		start(listener(endpoint).target(Target.topic(other)));
		notifier().info(RequestContext.empty(), "first", null);
		Notifier.builder(this.transport).topics(other).build().info(RequestContext.empty(), "second", null);
		await().atMost(AWAIT).untilAsserted(() -> assertThat(endpoint.eventTypes()).contains("first", "second"));
	}

	@Test
	void aNotifierWithTwoTopicsSendsACopyToEach() {
		Recorder first = new Recorder();
		Recorder second = new Recorder();
		String other = this.topic + "-other";
		start(listener(first));
		start(listenerOf(other).endpoint(second));
		Notifier.builder(this.transport).topics(this.topic, other).build().info(RequestContext.empty(), "both", null);
		await().atMost(AWAIT).until(() -> first.received.size() == 1 && second.received.size() == 1);
		assertThat(first.received.get(0).metadata().messageId())
			.isEqualTo(second.received.get(0).metadata().messageId());
	}

	@Test
	void onlyThePrioritiesSomeEndpointHandlesAreConsumed() {
		Scripted infoOnly = new Scripted((call) -> NotificationResult.HANDLED);
		NotificationListener listener = start(listener(infoOnly));
		assertThat(listener.bindings()).extracting("priority").containsExactly("info");
		notifier().error(RequestContext.empty(), "waits.in.its.queue", null);
		notifier().info(RequestContext.empty(), "handled", null);
		await().atMost(AWAIT).until(() -> infoOnly.calls.get() == 1);

		Recorder late = new Recorder();
		start(listener(late));
		await().atMost(AWAIT).untilAsserted(() -> assertThat(late.eventTypes()).containsExactly("waits.in.its.queue"));
	}

	@Test
	void listenersWithoutAPoolShareTheNotificationsOfATopic() {
		Recorder first = new Recorder();
		Recorder second = new Recorder();
		start(listener(first));
		start(listener(second));
		for (int i = 0; i < 20; i++) {
			notifier().info(RequestContext.empty(), "shared." + i, null);
		}
		await().atMost(AWAIT).until(() -> first.received.size() + second.received.size() == 20);
		await().during(QUIET).atMost(AWAIT).until(() -> first.received.size() + second.received.size() == 20);
		Set<String> all = new HashSet<>(first.eventTypes());
		all.addAll(second.eventTypes());
		assertThat(all).hasSize(20);
		assertThat(first.received).isNotEmpty();
		assertThat(second.received).isNotEmpty();
	}

	@Test
	void eachPoolReceivesEveryNotificationAndItsMembersShareThem() {
		Recorder poolA1 = new Recorder();
		Recorder poolA2 = new Recorder();
		Recorder poolB = new Recorder();
		String a = "pool-a-" + this.topic;
		String b = "pool-b-" + this.topic;
		start(listener(poolA1).pool(a));
		start(listener(poolA2).pool(a));
		start(listener(poolB).pool(b));
		for (int i = 0; i < 10; i++) {
			notifier().info(RequestContext.empty(), "pooled." + i, null);
		}
		await().atMost(AWAIT).until(() -> poolB.received.size() == 10 && poolA1.received.size() + poolA2.received.size() == 10);
		assertThat(poolA1.received).isNotEmpty();
		assertThat(poolA2.received).isNotEmpty();
	}

	// --- filters and the order of endpoints

	@Test
	void anEndpointWhoseFilterDoesNotMatchIsSkippedAndTheNextOneCalled() {
		Recorder compute = new Recorder();
		Recorder everything = new Recorder();
		start(listener(compute, NotificationFilter.builder().eventType("compute").build()).endpoint(everything));
		notifier().info(RequestContext.empty(), "compute.start", null);
		notifier().info(RequestContext.empty(), "start.compute", null);
		await().atMost(AWAIT).until(() -> everything.received.size() == 2);
		assertThat(compute.eventTypes()).containsExactly("compute.start");
	}

	@Test
	void theFilterOfAnAnnotatedEndpointApplies() {
		AnnotatedFilter endpoint = new AnnotatedFilter();
		Recorder everything = new Recorder();
		start(listener(endpoint).endpoint(everything));
		Map<String, Object> matching = new LinkedHashMap<>();
		matching.put("state", "active");
		notifier().withPublisherId("compute.host1").info(RequestContext.of(Map.of("user_id", "admin-1")), "instance.create",
				matching);
		notifier().withPublisherId("compute.host1").info(RequestContext.of(Map.of("user_id", "admin-1")), "instance.create",
				Map.of("state", "error"));
		notifier().withPublisherId("network.host1").info(RequestContext.of(Map.of("user_id", "admin-1")), "instance.create",
				matching);
		notifier().withPublisherId("compute.host1").info(RequestContext.of(Map.of("user_id", "bob")), "instance.create",
				matching);
		await().atMost(AWAIT).until(() -> everything.received.size() == 4);
		assertThat(endpoint.calls).hasSize(1);
	}

	@NotificationEndpoint(publisherId = "compute\\.", eventType = "instance\\.", context = "user_id=admin",
			payload = "state=active$")
	public static final class AnnotatedFilter {

		final List<String> calls = new CopyOnWriteArrayList<>();

		public void info(String eventType) {
			this.calls.add(eventType);
		}

	}

	@Test
	void allMatchingEndpointsAreCalledInTurnUntilOneRequeues() {
		Scripted first = new Scripted((call) -> NotificationResult.HANDLED);
		Scripted requeues = new Scripted((call) -> NotificationResult.REQUEUE);
		Scripted last = new Scripted((call) -> NotificationResult.HANDLED);
		start(listener(first).endpoint(requeues).endpoint(last));
		notifier().info(RequestContext.empty(), "visited", null);
		await().atMost(AWAIT).until(() -> requeues.calls.get() == 1);
		await().during(QUIET).atMost(AWAIT).until(() -> last.calls.get() == 0);
		assertThat(first.calls).hasValue(1);
	}

	// --- acknowledgement

	@Test
	void aRequeuedNotificationIsDeliveredAgainWhenTheListenerAllowsRequeueing() {
		Scripted endpoint = new Scripted((call) -> (call == 1) ? NotificationResult.REQUEUE : NotificationResult.HANDLED);
		start(listener(endpoint).allowRequeue(true));
		notifier().info(RequestContext.empty(), "again", null);
		await().atMost(AWAIT).until(() -> endpoint.calls.get() == 2);
		await().during(QUIET).atMost(AWAIT).until(() -> endpoint.calls.get() == 2);
	}

	@Test
	void anEndpointExceptionCountsAsRequeue() {
		Scripted endpoint = new Scripted((call) -> {
			if (call == 1) {
				throw new IllegalStateException("first delivery fails");
			}
			return NotificationResult.HANDLED;
		});
		start(listener(endpoint).allowRequeue(true));
		notifier().info(RequestContext.empty(), "fails.once", null);
		await().atMost(AWAIT).until(() -> endpoint.calls.get() == 2);
	}

	@Test
	void aNotificationThatAlwaysFailsIsRequeuedTenTimesThenRejectedAndTheRestFlows() {
		Poisoned endpoint = new Poisoned();
		start(listener(endpoint).allowRequeue(true));
		try (LogCapture logs = LogCapture.of(Level.ERROR, Acknowledgement.class.getName())) {
			notifier().info(RequestContext.empty(), "poison", null);
			for (int i = 0; i < 20; i++) {
				notifier().info(RequestContext.empty(), "fine." + i, null);
			}
			await().atMost(AWAIT).until(() -> endpoint.handled.size() == 20);
			await().atMost(AWAIT).until(() -> endpoint.poisonAttempts.get() == 1 + NotificationListener.DEFAULT_MAX_REQUEUES);
			await().during(QUIET).atMost(AWAIT).until(() -> endpoint.poisonAttempts.get() == 11);
			assertThat(logs.text()).contains("was requeued the most times allowed (NotificationListener.Builder.maxRequeues); "
					+ "rejected without requeue: dropped, or dead-lettered if its queue has a dead-letter exchange");
		}
	}

	@Test
	void maxRequeuesSetsHowManyTimesANotificationGoesBack() {
		Poisoned endpoint = new Poisoned();
		start(listener(endpoint).allowRequeue(true).maxRequeues(2));
		notifier().info(RequestContext.empty(), "poison", null);
		notifier().info(RequestContext.empty(), "marker", null);
		await().atMost(AWAIT).until(() -> endpoint.poisonAttempts.get() == 3 && endpoint.handled.size() == 1);
		await().during(QUIET).atMost(AWAIT).until(() -> endpoint.poisonAttempts.get() == 3);
	}

	@Test
	void withoutAllowRequeueARequeueIsAcknowledged() {
		Scripted endpoint = new Scripted((call) -> NotificationResult.REQUEUE);
		NotificationListener listener = start(listener(endpoint));
		notifier().info(RequestContext.empty(), "acked.anyway", null);
		await().atMost(AWAIT).until(() -> endpoint.calls.get() == 1);
		listener.stop();
		assertThat(listener.awaitTermination(AWAIT)).isTrue();

		Recorder next = new Recorder();
		start(listener(next));
		notifier().info(RequestContext.empty(), "marker", null);
		await().atMost(AWAIT).until(() -> next.received.size() == 1);
		assertThat(next.eventTypes()).containsExactly("marker");
	}

	@Test
	void aNotificationOfAnUnknownPriorityIsAcknowledgedWithoutDispatch() {
		Recorder endpoint = new Recorder();
		NotificationListener listener = start(listener(endpoint).allowRequeue(true));
		publishRaw("info", message("bogus", "unknown", MessageIds.newHexId()));
		publishRaw("info", message("WARNING", "warning.is.no.priority.for.a.listener", MessageIds.newHexId()));
		notifier().info(RequestContext.empty(), "marker", null);
		await().atMost(AWAIT).until(() -> endpoint.received.size() == 1);
		listener.stop();
		assertThat(listener.awaitTermination(AWAIT)).isTrue();

		Recorder next = new Recorder();
		start(listener(next));
		notifier().info(RequestContext.empty(), "second.marker", null);
		await().atMost(AWAIT).until(() -> next.received.size() == 1);
		assertThat(endpoint.eventTypes()).containsExactly("marker");
		assertThat(next.eventTypes()).containsExactly("second.marker");
	}

	@Test
	void aMalformedMessageIsRejectedAndTheListenerGoesOn() {
		Recorder endpoint = new Recorder();
		start(listener(endpoint).allowRequeue(true));
		publishRaw("info", "this is not JSON".getBytes(StandardCharsets.UTF_8));
		publishRaw("info", "{\"oslo.version\": \"2.1\", \"oslo.message\": \"{}\"}".getBytes(StandardCharsets.UTF_8));
		notifier().info(RequestContext.empty(), "after.garbage", null);
		await().atMost(AWAIT).until(() -> endpoint.received.size() == 1);
		await().during(QUIET).atMost(AWAIT).until(() -> endpoint.received.size() == 1);
	}

	@Test
	void aDuplicateUniqueIdIsDispatchedOnce() {
		Recorder endpoint = new Recorder();
		start(listener(endpoint));
		String uniqueId = MessageIds.newHexId();
		publishRaw("info", message("INFO", "original", uniqueId));
		await().atMost(AWAIT).until(() -> endpoint.received.size() == 1);
		publishRaw("info", message("INFO", "duplicate", uniqueId));
		publishRaw("info", message("INFO", "fresh", MessageIds.newHexId()));
		await().atMost(AWAIT).until(() -> endpoint.received.size() == 2);
		await().during(QUIET).atMost(AWAIT).until(() -> endpoint.received.size() == 2);
		assertThat(endpoint.eventTypes()).containsExactly("original", "fresh");
	}

	// --- batches

	@Test
	void batchesAreDeliveredWhenFullAndTheRestWhenTheTimeoutPasses() {
		Batches endpoint = new Batches((call) -> NotificationResult.HANDLED);
		start(listener(endpoint).batch(100, Duration.ofSeconds(1)));
		Notifier notifier = notifier();
		for (int i = 0; i < 205; i++) {
			notifier.info(RequestContext.empty(), "batched", new Instance("i" + i, "active"));
		}
		await().atMost(AWAIT).until(() -> endpoint.received.size() == 205);
		assertThat(endpoint.sizes).containsExactly(100, 100, 5);
		assertThat(endpoint.received).extracting(Notification::payload).contains(new Instance("i0", "active"),
				new Instance("i204", "active"));
	}

	@Test
	void aBatchIsDeliveredWhenItsTimeoutPassesAfterItsFirstNotification() {
		Batches endpoint = new Batches((call) -> NotificationResult.HANDLED);
		start(listener(endpoint).batch(1000, Duration.ofMillis(200)));
		notifier().info(RequestContext.empty(), "one", new Instance("1", "active"));
		notifier().info(RequestContext.empty(), "two", new Instance("2", "active"));
		await().atMost(AWAIT).until(() -> endpoint.sizes.size() == 1);
		assertThat(endpoint.sizes).containsExactly(2);
	}

	@Test
	void aBatchWhoseEndpointRequeuesIsDeliveredAgain() {
		Batches endpoint = new Batches((call) -> (call == 1) ? NotificationResult.REQUEUE : NotificationResult.HANDLED);
		start(listener(endpoint).batch(3, Duration.ofMillis(200)).allowRequeue(true));
		for (int i = 0; i < 3; i++) {
			notifier().info(RequestContext.empty(), "batch." + i, new Instance("" + i, "active"));
		}
		await().atMost(AWAIT).until(() -> endpoint.received.size() == 6);
		assertThat(endpoint.received).extracting(Notification::eventType)
			.containsExactlyInAnyOrder("batch.0", "batch.1", "batch.2", "batch.0", "batch.1", "batch.2");
	}

	// --- executors and back-pressure

	@Test
	void underGreenioAMonoMethodRunsOnTheReactiveSchedulerAndABlockingOneOnAWorker() {
		Threads endpoint = new Threads();
		start(listener(endpoint).executor(executor(ExecutorKind.GREENIO)));
		notifier().info(RequestContext.empty(), "blocking", null);
		notifier().error(RequestContext.empty(), "reactive", null);
		await().atMost(AWAIT).until(() -> endpoint.threads.size() == 2);
		assertThat(endpoint.threads.get("mono")).startsWith("oslo4j-greenio");
		assertThat(endpoint.threads.get("blocking")).startsWith("oslo4j-worker");
	}

	@Test
	void underEventletEveryMethodRunsOnAWorker() {
		Threads endpoint = new Threads();
		start(listener(endpoint).executor(executor(ExecutorKind.EVENTLET)));
		notifier().info(RequestContext.empty(), "blocking", null);
		notifier().error(RequestContext.empty(), "reactive", null);
		await().atMost(AWAIT).until(() -> endpoint.threads.size() == 2);
		assertThat(endpoint.threads.get("mono")).startsWith("oslo4j-worker");
		assertThat(endpoint.threads.get("blocking")).startsWith("oslo4j-worker");
	}

	@Test
	void noMoreThanMaxInFlightNotificationsAreHandledAtOnce() {
		Gate endpoint = new Gate();
		start(listener(endpoint).maxInFlight(2));
		for (int i = 0; i < 6; i++) {
			notifier().info(RequestContext.empty(), "gated." + i, null);
		}
		await().atMost(AWAIT).until(() -> endpoint.inside.get() == 2);
		await().during(QUIET).atMost(AWAIT).until(() -> endpoint.inside.get() == 2);
		endpoint.release.countDown();
		await().atMost(AWAIT).until(() -> endpoint.handled.size() == 6);
		assertThat(endpoint.mostInside).hasValue(2);
	}

	// --- lifecycle

	@Test
	void stoppingLetsTheNotificationsInFlightFinishAndLosesNothing() {
		Gate endpoint = new Gate();
		NotificationListener listener = start(listener(endpoint).maxInFlight(2));
		for (int i = 0; i < 6; i++) {
			notifier().info(RequestContext.empty(), "inflight." + i, null);
		}
		await().atMost(AWAIT).until(() -> endpoint.inside.get() == 2);
		listener.stop();
		assertThat(listener.isRunning()).isFalse();
		endpoint.release.countDown();
		assertThat(listener.awaitTermination(AWAIT)).isTrue();
		int handledBeforeStop = endpoint.handled.size();
		assertThat(handledBeforeStop).isGreaterThanOrEqualTo(2);

		Recorder next = new Recorder();
		start(listener(next));
		await().atMost(AWAIT).until(() -> handledBeforeStop + next.received.size() == 6);
		Set<String> all = new HashSet<>(endpoint.handled);
		all.addAll(next.eventTypes());
		assertThat(all).hasSize(6);
	}

	@Test
	void whatIsStillBeingHandledWhenTheWaitTimesOutGoesBackToItsQueue() {
		Gate endpoint = new Gate();
		NotificationListener listener = start(listener(endpoint));
		notifier().info(RequestContext.empty(), "slow", null);
		await().atMost(AWAIT).until(() -> endpoint.inside.get() == 1);
		listener.stop();
		assertThat(listener.awaitTermination(Duration.ofMillis(100))).isFalse();

		Recorder next = new Recorder();
		start(listener(next));
		await().atMost(AWAIT).untilAsserted(() -> assertThat(next.eventTypes()).containsExactly("slow"));
		endpoint.release.countDown();
	}

	@Test
	void aStoppedListenerCanBeStartedAgain() {
		Recorder endpoint = new Recorder();
		NotificationListener listener = start(listener(endpoint));
		notifier().info(RequestContext.empty(), "first.run", null);
		await().atMost(AWAIT).until(() -> endpoint.received.size() == 1);
		listener.stop();
		assertThat(listener.awaitTermination(AWAIT)).isTrue();
		notifier().info(RequestContext.empty(), "while.stopped", null);
		listener.start();
		assertThat(listener.isRunning()).isTrue();
		await().atMost(AWAIT).until(() -> endpoint.received.size() == 2);
		assertThat(endpoint.eventTypes()).containsExactly("first.run", "while.stopped");
	}

	@Test
	void startingWithATargetWithoutTopicFails() {
		NotificationListener listener = NotificationListener.builder(this.transport)
			.target(Target.empty())
			.endpoint(new Recorder())
			.executor(executor(ExecutorKind.EVENTLET))
			.build();
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(listener::start)
			.withMessageContaining("A topic is required for a notification listener");
		assertThat(listener.isRunning()).isFalse();
	}

	// --- support

	/** Another connection to this test's broker. */
	protected Transport openTransportOnSameBroker() {
		Transport opened = Transport.open(this.url);
		this.transports.add(opened);
		return opened;
	}

	protected Notifier notifier() {
		return Notifier.builder(this.transport).publisherId("compute.host1").topics(this.topic).build();
	}

	/** A listener builder for this test's topic, on a transport of its own, with an eventlet executor. */
	protected NotificationListener.Builder listener(Object endpoint) {
		return listenerOf(this.topic).endpoint(endpoint);
	}

	protected NotificationListener.Builder listener(Object endpoint, NotificationFilter filter) {
		return listenerOf(this.topic).endpoint(endpoint, filter);
	}

	/** A listener builder for a topic, without endpoints, on a transport of its own, with an eventlet executor. */
	protected NotificationListener.Builder listenerOf(String topic) {
		return NotificationListener.builder(openTransportOnSameBroker())
			.target(Target.topic(topic))
			.executor(executor(ExecutorKind.EVENTLET));
	}

	protected NotificationListener start(NotificationListener.Builder builder) {
		NotificationListener listener = builder.build();
		this.listeners.add(listener);
		listener.start();
		return listener;
	}

	protected MessagingExecutor executor(ExecutorKind kind) {
		MessagingExecutor executor = MessagingExecutors.create(kind);
		this.executors.add(executor);
		return executor;
	}

	/** Publishes a body as it is, to {@code <topic>.<priority>}. */
	protected void publishRaw(String priority, byte[] body) {
		this.transport.driver().sendNotification(this.topic, priority, OutgoingMessage.of(body)).block(AWAIT);
	}

	/** An enveloped notification with the given body priority, as another sender might write it. */
	protected byte[] message(String priority, String eventType, String uniqueId) {
		NotificationMessage message = new NotificationMessage(MessageIds.newDashedId(), "raw.sender", eventType,
				priority, StringNode.valueOf("a plain string"), "2026-11-25 19:57:26.837530", uniqueId,
				RequestContext.empty());
		ObjectNode node = message.toJson(this.transport.envelope().mapper());
		return this.transport.envelope().wrap(node);
	}

}
