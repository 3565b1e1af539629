package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.oslo4j.messaging.MessageUndeliverableException;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.PublishOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Publisher confirms under concurrency, returned mandatory messages, and exchanges that vanish. */
@ExtendWith(RabbitTestSupport.class)
class RabbitPublisherTests {

	private static final Logger logger = LoggerFactory.getLogger(RabbitPublisherTests.class);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private String prefix;

	private String control;

	private RabbitDriver driver;

	private Connection connection;

	private Channel channel;

	@BeforeEach
	void connect() throws IOException {
		this.prefix = RabbitTestSupport.uniqueName("oslo4j_publisher");
		this.control = this.prefix + "_control";
		this.driver = RabbitDriver.create(RabbitTestSupport.url(Map.of("control_exchange", this.control,
				"kombu_missing_consumer_retry_timeout", "10")));
		this.connection = RabbitTestSupport.openConnection();
		this.channel = this.connection.createChannel();
		this.channel.exchangeDeclare(this.control, "topic", false, false, null);
		this.channel.queueDeclare(this.prefix + "_routable", false, false, false, null);
		this.channel.queueBind(this.prefix + "_routable", this.control, this.prefix + "_routable");
	}

	@AfterEach
	void close() throws IOException {
		this.driver.close();
		this.connection.close();
		RabbitTestSupport.delete(List.of(this.prefix + "_routable"), List.of(this.control, this.prefix + "_fanout"));
	}

	@Test
	void manyConcurrentPublishesAreConfirmedWithoutWaitingForEachOther() throws IOException {
		int count = 5000;
		Target target = Target.topic(this.prefix + "_routable");
		this.driver.sendRequest(target, message("warm-up")).block(WAIT);

		long start = System.nanoTime();
		Long confirmed = Flux.range(0, count)
			.flatMap((i) -> this.driver.sendRequest(target, message("cast " + i)).thenReturn(i), 256)
			.count()
			.block(WAIT);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		logger.info("{} confirmed casts in {} ms: {} per second", count, elapsed.toMillis(),
				count * 1000L / Math.max(1, elapsed.toMillis()));
		assertThat(confirmed).isEqualTo(count);
		assertThat(this.channel.queueDeclarePassive(this.prefix + "_routable").getMessageCount()).isEqualTo(count + 1);
	}

	@Test
	void onlyTheMandatoryMessagesThatCameBackFailAsUndeliverable() {
		List<String> outcomes = Flux.range(0, 400)
			.flatMap((i) -> {
				String topic = this.prefix + ((i % 2 == 0) ? "_routable" : "_nowhere");
				return this.driver.sendRequest(Target.topic(topic), new OutgoingMessage(bytes("m" + i), null, true))
					.thenReturn(i + " delivered")
					.onErrorResume(MessageUndeliverableException.class, (error) -> Mono.just(i + " returned"));
			}, 64)
			.collectList()
			.block(WAIT);

		assertThat(outcomes).hasSize(400).allSatisfy((outcome) -> {
			int i = Integer.parseInt(outcome.substring(0, outcome.indexOf(' ')));
			assertThat(outcome).endsWith((i % 2 == 0) ? "delivered" : "returned");
		});
	}

	@Test
	void identicalMandatoryMessagesThatComeBackAllFail() {
		List<Throwable> errors = Flux.range(0, 50)
			.flatMap((i) -> this.driver.sendRequest(Target.topic(this.prefix + "_nowhere"),
					new OutgoingMessage(bytes("same"), null, true)).then(Mono.<Throwable>empty())
				.onErrorResume(Mono::just), 50)
			.collectList()
			.block(WAIT);

		assertThat(errors).hasSize(50).allSatisfy((error) -> assertThat(error)
			.isInstanceOf(MessageUndeliverableException.class));
	}

	@Test
	void concurrentRepliesAreAllConfirmed() {
		Long confirmed = Flux.range(0, 1000)
			.flatMap((i) -> this.driver.sendReply(this.prefix + "_routable", message("reply " + i)).thenReturn(i), 128)
			.count()
			.block(WAIT);

		assertThat(confirmed).isEqualTo(1000);
	}

	@Test
	void aCastWhoseContinuationBlocksDoesNotHoldUpOtherPublishersConfirms() {
		Target target = Target.topic(this.prefix + "_routable");
		this.driver.sendRequest(target, message("warm-up")).block(WAIT);
		CountDownLatch blocking = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<String> blockedOn = new AtomicReference<>();
		this.driver.sendRequest(target, message("blocks")).doOnSuccess((nothing) -> {
			blockedOn.set(Thread.currentThread().getName());
			blocking.countDown();
			awaitQuietly(release);
		}).subscribe();
		try {
			await().atMost(WAIT).until(() -> blocking.getCount() == 0);

			Long confirmed = Flux.range(0, 200)
				.flatMap((i) -> this.driver.sendRequest(target, message("other " + i)).thenReturn(i), 32)
				.count()
				.block(WAIT);

			assertThat(confirmed).isEqualTo(200);
			assertThat(blockedOn.get()).startsWith("oslo4j-rabbit-confirms-");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void withoutTheDirectMandatoryFlagAReplyToAMissingQueueIsDroppedByTheBrokerAndNotRetried() throws IOException {
		String replyQueue = this.prefix + "_nobody";
		RabbitDriver notMandatory = RabbitDriver.create(RabbitTestSupport.url(Map.of("control_exchange", this.control,
				"kombu_missing_consumer_retry_timeout", "600", "direct_mandatory_flag", "false")));
		try {
			// mandatory, it would be retried for 600 s and then fail as undeliverable
			notMandatory.sendReply(replyQueue, message("dropped")).block(Duration.ofSeconds(30));
		}
		finally {
			notMandatory.close();
		}
		this.channel.queueDeclare(replyQueue, false, true, false, null);

		assertThat(this.channel.basicGet(replyQueue, true)).isNull();
	}

	@Test
	void aReplyIsHeldAndRetriedUntilItsQueueAppears() throws IOException {
		String replyQueue = this.prefix + "_late_reply";
		this.driver.sendReply(replyQueue, message("late")).block(WAIT);
		assertThat(this.driver.replyRetryCounts().held()).isEqualTo(1);

		this.channel.queueDeclare(replyQueue, false, true, false, null);

		await().atMost(Duration.ofSeconds(5)).until(() -> this.driver.replyRetryCounts().held() == 0);
		assertThat(this.channel.basicGet(replyQueue, true).getBody()).isEqualTo(bytes("late"));
		assertThat(this.driver.replyRetryCounts().dropped()).isZero();
	}

	@Test
	void anExchangeDeletedAfterItWasDeclaredIsDeclaredAgain() throws IOException {
		Target fanout = Target.topic(this.prefix).withFanout(true);
		this.driver.sendRequest(fanout, message("first")).block(WAIT);
		this.driver.sendRequest(Target.topic(this.prefix + "_routable"), message("first")).block(WAIT);

		this.channel.exchangeDelete(this.prefix + "_fanout");
		this.channel.exchangeDelete(this.control);
		this.driver.sendRequest(fanout, message("second")).block(WAIT);
		this.driver.sendRequest(Target.topic(this.prefix + "_routable"), message("second")).block(WAIT);

		assertThat(exchangeExists(this.prefix + "_fanout")).isTrue();
		assertThat(exchangeExists(this.control)).isTrue();
	}

	@Test
	void aRequestToADeclaredExchangeWithAnIdleChannelIsWrittenAtOnceAndToldOfItsConfirmOnTheConfirmsThread()
			throws IOException {
		Target routable = Target.topic(this.prefix + "_routable");
		this.driver.sendRequest(routable, message("first")).block(WAIT);
		Outcome outcome = new Outcome();

		assertThat(this.driver.trySendRequestNow(routable, message("second"), outcome)).isTrue();

		await().atMost(WAIT).until(() -> outcome.thread.get() != null);
		assertThat(outcome.failure.get()).isNull();
		assertThat(outcome.thread.get()).startsWith("oslo4j-rabbit-confirms-");
		assertThat(this.channel.basicGet(this.prefix + "_routable", true).getBody()).isEqualTo(bytes("first"));
		assertThat(this.channel.basicGet(this.prefix + "_routable", true).getBody()).isEqualTo(bytes("second"));
	}

	@Test
	void anOutcomeThatOnlyKeepsItsBooksIsToldOfItsConfirmAtOnceOnTheConnectionsThread() {
		Target routable = Target.topic(this.prefix + "_routable");
		this.driver.sendRequest(routable, message("first")).block(WAIT);
		Outcome outcome = new Outcome(true);

		assertThat(this.driver.trySendRequestNow(routable, message("second"), outcome)).isTrue();

		await().atMost(WAIT).until(() -> outcome.thread.get() != null);
		assertThat(outcome.failure.get()).isNull();
		assertThat(outcome.thread.get()).startsWith("AMQP Connection");
	}

	@Test
	void aRequestWhoseExchangeIsNotDeclaredYetIsNotWrittenAtOnceAndTheMonoIsTheWay() throws IOException {
		Outcome outcome = new Outcome();

		assertThat(this.driver.trySendRequestNow(Target.topic(this.prefix + "_routable"), message("first"), outcome))
			.isFalse();

		assertThat(this.channel.basicGet(this.prefix + "_routable", true)).isNull();
		assertThat(outcome.thread.get()).isNull();
	}

	/** A failure is told on the confirms thread, also to an outcome that may be told of its publish inline. */
	@ParameterizedTest(name = "publishedInline = {0}")
	@ValueSource(booleans = { false, true })
	void aMandatoryRequestWrittenAtOnceThatNoQueueTakesFailsAsUndeliverableOnTheConfirmsThread(boolean inline) {
		this.driver.sendRequest(Target.topic(this.prefix + "_routable"), message("first")).block(WAIT);
		Outcome outcome = new Outcome(inline);

		assertThat(this.driver.trySendRequestNow(Target.topic(this.prefix + "_nowhere"),
				new OutgoingMessage(bytes("lost"), null, true), outcome))
			.isTrue();

		await().atMost(WAIT).until(() -> outcome.thread.get() != null);
		assertThat(outcome.failure.get()).isInstanceOf(MessageUndeliverableException.class);
		assertThat(outcome.thread.get()).startsWith("oslo4j-rabbit-confirms-");
	}

	@Test
	void aRequestWrittenAtOnceToAnExchangeDeletedSinceGoesOnAsTheMonoWouldDeclaredAgain() throws IOException {
		Target routable = Target.topic(this.prefix + "_routable");
		this.driver.sendRequest(routable, message("first")).block(WAIT);
		this.channel.exchangeDelete(this.control);
		Outcome outcome = new Outcome();

		assertThat(this.driver.trySendRequestNow(routable, message("second"), outcome)).isTrue();

		await().atMost(WAIT).until(() -> outcome.thread.get() != null);
		assertThat(outcome.continued.get()).isTrue();
		assertThat(outcome.failure.get()).isNull();
		assertThat(exchangeExists(this.control)).isTrue();
	}

	/** What a request written at once was told, and on which thread. */
	private static final class Outcome implements PublishOutcome {

		final AtomicReference<String> thread = new AtomicReference<>();

		final AtomicReference<Throwable> failure = new AtomicReference<>();

		final AtomicBoolean continued = new AtomicBoolean();

		private final boolean inline;

		Outcome() {
			this(false);
		}

		/** @param inline whether it may be told of its publish on the connection's thread */
		Outcome(boolean inline) {
			this.inline = inline;
		}

		@Override
		public boolean publishedInline() {
			return this.inline;
		}

		@Override
		public void published() {
			this.thread.set(Thread.currentThread().getName());
		}

		@Override
		public void failed(Throwable failure) {
			this.failure.set(failure);
			this.thread.set(Thread.currentThread().getName());
		}

		@Override
		public void continueWith(Mono<Void> rest) {
			this.continued.set(true);
			PublishOutcome.super.continueWith(rest);
		}

	}

	private boolean exchangeExists(String exchange) {
		try (Channel probe = this.connection.createChannel()) {
			probe.exchangeDeclarePassive(exchange);
			return true;
		}
		catch (IOException | TimeoutException ex) {
			return false;
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static OutgoingMessage message(String text) {
		return OutgoingMessage.of(bytes(text));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
