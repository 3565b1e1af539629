package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessageUndeliverableException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.PublishOutcome;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.transport.TransportDriver;
import io.oslo4j.messaging.wire.MessageIds;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a call's request goes out ({@link PendingCall#publish}): written at once when the driver
 * can ({@link TransportDriver#trySendRequestNow}), through its {@code Mono} when it cannot, and a
 * first attempt that fails retried as {@link CallOptions#retry()} says, exactly as the
 * {@code Mono} would have been; the first call, which waits for the reply address, always goes
 * through its {@code Mono}. On {@code fake://}, behind a driver whose first attempt each test
 * scripts.
 */
class PendingCallPublishTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final String url = "fake:///" + MessageIds.newHexId();

	private final Transport serverTransport = Transport.open(this.url);

	private final ScriptedDriver driver = new ScriptedDriver(Transport.open(this.url).driver());

	private final Transport transport = Transport.of(this.driver);

	private final Target target = Target.topic("publish-tests");

	private final RpcServer server = RpcServer.builder(this.serverTransport, this.target.withServer("s1"))
		.endpoint(new TestEndpoints.Conformance("s1"))
		.executor(ExecutorKind.EVENTLET)
		.build();

	private final RpcClient client = RpcClient.create(this.transport, this.target);

	/** The server, and a first call that starts the reply consumer: until then every call goes through its {@code Mono}. */
	@BeforeEach
	void start() {
		this.server.start();
		this.driver.firstAttempt = this.driver::writeAtOnce;
		assertThat(add(this.client)).isEqualTo(3L);
		assertThat(this.driver.writtenAtOnce).hasValue(0);
		assertThat(this.driver.monoPublishes).hasValue(1);
		this.driver.monoPublishes.set(0);
	}

	@AfterEach
	void stop() {
		this.server.shutdown(WAIT);
		this.transport.close();
		this.serverTransport.close();
	}

	@Test
	void aCallTheDriverCanWriteAtOnceGoesOutWithoutItsMono() {
		this.driver.firstAttempt = this.driver::writeAtOnce;

		assertThat(add(this.client)).isEqualTo(3L);
		assertThat(this.driver.writtenAtOnce).hasValue(1);
		assertThat(this.driver.monoPublishes).hasValue(0);
	}

	@Test
	void aCallTheDriverCannotWriteAtOnceGoesThroughItsMono() {
		this.driver.firstAttempt = (target, message, outcome) -> false;

		assertThat(add(this.client)).isEqualTo(3L);
		assertThat(this.driver.monoPublishes).hasValue(1);
	}

	@Test
	void aFirstAttemptThatFailsForAReasonWorthRetryingIsRetriedThroughTheMonoUntilSentByDefault() {
		this.driver.firstAttempt = failingWith(new MessageDeliveryFailureException("connection lost", null));
		this.driver.monoFailures.set(3);

		assertThat(add(this.client)).isEqualTo(3L);
		assertThat(this.driver.monoPublishes).hasValue(4);
	}

	@Test
	void withRetryZeroAFailedFirstAttemptFailsTheCallWithItsFailureAsItIs() {
		MessageDeliveryFailureException failure = new MessageDeliveryFailureException("connection lost", null);
		this.driver.firstAttempt = failingWith(failure);

		StepVerifier.create(this.client.withRetry(0).callAsync(RequestContext.empty(), "add", args(), Long.class))
			.expectErrorSatisfies((error) -> assertThat(error).isSameAs(failure))
			.verify(WAIT);
		assertThat(this.driver.monoPublishes).hasValue(0);
	}

	@Test
	void withRetryTwoAFailedFirstAttemptIsRetriedTwiceThenFailsWithTheLastFailure() {
		this.driver.firstAttempt = failingWith(new MessageDeliveryFailureException("connection lost", null));
		this.driver.monoFailures.set(Integer.MAX_VALUE);

		StepVerifier.create(this.client.withRetry(2).callAsync(RequestContext.empty(), "add", args(), Long.class))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(MessageDeliveryFailureException.class)
				.hasMessage("mono attempt 2 failed"))
			.verify(WAIT);
		assertThat(this.driver.monoPublishes).hasValue(2);
	}

	@Test
	void aFirstAttemptThatFailsForAReasonNotWorthRetryingFailsTheCallAtOnce() {
		this.driver.firstAttempt = failingWith(new MessageUndeliverableException("exchange", "publish-tests"));

		StepVerifier.create(this.client.callAsync(RequestContext.empty(), "add", args(), Long.class))
			.expectError(MessageUndeliverableException.class)
			.verify(WAIT);
		assertThat(this.driver.monoPublishes).hasValue(0);
	}

	@Test
	void whatTheDriverGoesOnWithAfterAFirstAttemptIsRetriedAsTheMonoWouldBe() {
		this.driver.firstAttempt = (target, message, outcome) -> {
			outcome.continueWith(Mono.error(new MessageDeliveryFailureException("lost again", null)));
			return true;
		};

		assertThat(add(this.client.withRetry(1))).isEqualTo(3L);
		assertThat(this.driver.monoPublishes).hasValue(1);
	}

	@Test
	void aCallCancelledWhileItsRequestIsInFlightIsNotRetriedWhenTheAttemptFails() {
		AtomicReference<@Nullable PublishOutcome> inFlight = new AtomicReference<>();
		this.driver.firstAttempt = (target, message, outcome) -> {
			inFlight.set(outcome);
			return true;
		};
		Disposable call = this.client.callAsync(RequestContext.empty(), "add", args(), Long.class).subscribe();
		await().atMost(WAIT).until(() -> inFlight.get() != null);

		call.dispose();
		inFlight.get().failed(new MessageDeliveryFailureException("connection lost", null));

		assertThat(this.driver.monoPublishes).hasValue(0);
	}

	private static long add(RpcClient client) {
		return client.call(RequestContext.empty(), "add", args(), Long.class);
	}

	private static Map<String, Object> args() {
		return Map.of("a", 1, "b", 2);
	}

	private static FirstAttempt failingWith(Throwable failure) {
		return (target, message, outcome) -> {
			outcome.failed(failure);
			return true;
		};
	}

	@FunctionalInterface
	private interface FirstAttempt {

		boolean attempt(Target target, OutgoingMessage message, PublishOutcome outcome);

	}

	/** {@code fake://}'s driver, with a scripted {@link #trySendRequestNow} and its {@code Mono}s counted. */
	private static final class ScriptedDriver implements TransportDriver {

		private final TransportDriver fake;

		final AtomicInteger writtenAtOnce = new AtomicInteger();

		final AtomicInteger monoPublishes = new AtomicInteger();

		/** How many of the {@code Mono} attempts fail (retryably) before one goes through. */
		final AtomicInteger monoFailures = new AtomicInteger();

		volatile FirstAttempt firstAttempt = (target, message, outcome) -> false;

		ScriptedDriver(TransportDriver fake) {
			this.fake = fake;
		}

		boolean writeAtOnce(Target target, OutgoingMessage message, PublishOutcome outcome) {
			this.writtenAtOnce.incrementAndGet();
			this.fake.sendRequest(target, message).subscribe(null, outcome::failed, outcome::published);
			return true;
		}

		@Override
		public boolean trySendRequestNow(Target target, OutgoingMessage message, PublishOutcome outcome) {
			return this.firstAttempt.attempt(target, message, outcome);
		}

		@Override
		public Mono<Void> sendRequest(Target target, OutgoingMessage message) {
			return Mono.defer(() -> {
				int attempt = this.monoPublishes.incrementAndGet();
				if (this.monoFailures.getAndDecrement() > 0) {
					return Mono.error(new MessageDeliveryFailureException("mono attempt " + attempt + " failed", null));
				}
				return this.fake.sendRequest(target, message);
			});
		}

		@Override
		public String controlExchange() {
			return this.fake.controlExchange();
		}

		@Override
		public Mono<Void> sendReply(String replyQueue, OutgoingMessage message) {
			return this.fake.sendReply(replyQueue, message);
		}

		@Override
		public Mono<Void> sendNotification(String topic, String priority, OutgoingMessage message) {
			return this.fake.sendNotification(topic, priority, message);
		}

		@Override
		public String startReplyConsumer(DeliveryHandler handler) {
			return this.fake.startReplyConsumer(handler);
		}

		@Override
		public Listener listen(Target target, DeliveryHandler handler) {
			return this.fake.listen(target, handler);
		}

		@Override
		public Listener listenForNotifications(List<NotificationBinding> bindings, @Nullable String pool,
				DeliveryHandler handler) {
			return this.fake.listenForNotifications(bindings, pool, handler);
		}

		@Override
		public boolean isConnected() {
			return this.fake.isConnected();
		}

		@Override
		public void close() {
			this.fake.close();
		}

	}

}
