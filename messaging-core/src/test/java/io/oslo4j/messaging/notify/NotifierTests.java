package io.oslo4j.messaging.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Where a {@link Notifier} publishes, and how it reports what it could not. */
class NotifierTests {

	@Test
	void eachPriorityIsPublishedUpperCaseInTheBodyAndLowerCaseInTheRoutingKey() {
		RecordingDriver driver = RecordingDriver.succeeding();
		Transport transport = Transport.of(driver);
		Notifier notifier = Notifier.create(transport, "p");
		for (Priority priority : Priority.values()) {
			notifier.notify(priority, RequestContext.empty(), "e", null);
		}
		notifier.warning(RequestContext.empty(), "alias", null);

		assertThat(driver.attempts).extracting(RecordingDriver.Publish::priority)
			.containsExactly("audit", "debug", "info", "warn", "error", "critical", "sample", "warn");
		assertThat(driver.attempts).extracting((publish) -> message(transport, publish).get("priority").asString())
			.containsExactly("AUDIT", "DEBUG", "INFO", "WARN", "ERROR", "CRITICAL", "SAMPLE", "WARN");
		assertThat(driver.attempts).extracting(RecordingDriver.Publish::topic).containsOnly("notifications");
	}

	@Test
	void eachTopicGetsACopyWithTheSameMessageIdAndItsOwnUniqueId() {
		RecordingDriver driver = RecordingDriver.succeeding();
		Transport transport = Transport.of(driver);
		Notifier.builder(transport).topics("notifications", "audit_log").build()
			.info(RequestContext.empty(), "e", null);

		assertThat(driver.attempts).extracting(RecordingDriver.Publish::topic)
			.containsExactly("notifications", "audit_log");
		ObjectNode first = message(transport, driver.attempts.get(0));
		ObjectNode second = message(transport, driver.attempts.get(1));
		assertThat(first.get("message_id")).isEqualTo(second.get("message_id"));
		assertThat(first.get("_unique_id")).isNotEqualTo(second.get("_unique_id"));
	}

	@Test
	void eachOfSeveralDriversSendsEveryNotificationInItsOwnFormat() {
		RecordingDriver driver = RecordingDriver.succeeding();
		Transport transport = Transport.of(driver);
		Notifier notifier = Notifier.builder(transport)
			.drivers(List.of(NotificationDriver.MESSAGING_V2, NotificationDriver.NOOP, NotificationDriver.MESSAGING))
			.build();
		notifier.info(RequestContext.empty(), "e", null);

		assertThat(driver.attempts).hasSize(2);
		String enveloped = new String(driver.attempts.get(0).body(), java.nio.charset.StandardCharsets.UTF_8);
		String legacy = new String(driver.attempts.get(1).body(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(enveloped).contains("oslo.message");
		assertThat(legacy).doesNotContain("oslo.message");
		assertThat(message(transport, driver.attempts.get(0)).get("message_id"))
			.isEqualTo(message(transport, driver.attempts.get(1)).get("message_id"));
		assertThat(notifier.drivers()).hasSize(3);
		assertThat(notifier.isEnabled()).isTrue();
	}

	@Test
	void aNotifierWithoutDriversSendsNothingAsOslosDoes() {
		RecordingDriver driver = RecordingDriver.succeeding();
		Notifier notifier = Notifier.builder(Transport.of(driver)).drivers(List.of()).build();
		notifier.info(RequestContext.empty(), "e", null);
		assertThat(driver.attempts).isEmpty();
		assertThat(notifier.isEnabled()).isFalse();
		assertThat(notifier.driver()).isEqualTo(NotificationDriver.NOOP);
	}

	@Test
	void aPublishThatFailsIsLoggedAndCountedByThePlainMethodsNotThrown() {
		RecordingDriver driver = failing();
		Notifier notifier = Notifier.builder(Transport.of(driver)).retry(0).build();
		notifier.info(RequestContext.empty(), "lost", null);
		notifier.withPublisherId("other").error(RequestContext.empty(), "lost too", null);
		assertThat(notifier.failedSends()).isEqualTo(2);
		assertThat(driver.attempts).hasSize(2);
	}

	@Test
	void sendSignalsTheFailureToItsSubscriberInsteadOfCountingIt() {
		Notifier notifier = Notifier.builder(Transport.of(failing())).retry(0).build();
		StepVerifier.create(notifier.send(Priority.INFO, RequestContext.empty(), "lost", null))
			.expectError(MessageDeliveryFailureException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(notifier.failedSends()).isZero();
	}

	@Test
	void sendPublishesOnlyWhenSubscribed() {
		RecordingDriver driver = RecordingDriver.succeeding();
		Mono<Void> sending = Notifier.create(Transport.of(driver), "p").send(Priority.INFO, RequestContext.empty(), "e", null);
		assertThat(driver.attempts).isEmpty();
		StepVerifier.create(sending).verifyComplete();
		assertThat(driver.attempts).hasSize(1);
	}

	@Test
	void aFailedPublishIsAttemptedAgainUpToRetryTimesWithTheSameUniqueId() {
		RecordingDriver driver = new RecordingDriver((attempt) -> (attempt < 3) ? failure() : Mono.empty());
		Transport transport = Transport.of(driver);
		Notifier notifier = Notifier.builder(transport).retry(2).build();
		notifier.info(RequestContext.empty(), "third time lucky", null);
		assertThat(notifier.failedSends()).isZero();
		assertThat(driver.attempts).hasSize(3);
		assertThat(driver.attempts).extracting((publish) -> message(transport, publish).get("_unique_id")).containsOnly(
				message(transport, driver.attempts.get(0)).get("_unique_id"));
	}

	@Test
	void aPublishIsGivenUpAfterRetryAttemptsAgain() {
		RecordingDriver driver = failing();
		Notifier notifier = Notifier.builder(Transport.of(driver)).retry(1).build();
		StepVerifier.create(notifier.send(Priority.INFO, RequestContext.empty(), "lost", null))
			.expectError(MessageDeliveryFailureException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(driver.attempts).hasSize(2);
	}

	@Test
	void aPayloadThatJacksonCannotConvertFailsNamingTheEventType() {
		Notifier notifier = Notifier.create(Transport.of(RecordingDriver.succeeding()), "p");
		StepVerifier.create(notifier.send(Priority.INFO, RequestContext.empty(), "odd.payload", new Exploding()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MessagingException.class)
				.hasMessageContaining("odd.payload")
				.hasMessageContaining(Exploding.class.getName()))
			.verify(Duration.ofSeconds(5));
		notifier.info(RequestContext.empty(), "odd.payload", new Exploding());
		assertThat(notifier.failedSends()).isEqualTo(1);
	}

	@Test
	void thePlainMethodsDoNotWaitOnANonBlockingThread() {
		RecordingDriver driver = new RecordingDriver((attempt) -> Mono.never());
		Notifier notifier = Notifier.create(Transport.of(driver), "p");
		Mono.fromRunnable(() -> notifier.info(RequestContext.empty(), "from a reactive thread", null))
			.subscribeOn(Schedulers.parallel())
			.block(Duration.ofSeconds(5));
		assertThat(driver.attempts).hasSize(1);
	}

	@Test
	void aCopyChangesThePublisherIdAndKeepsTheRest() {
		RecordingDriver driver = RecordingDriver.succeeding();
		Transport transport = Transport.of(driver);
		Notifier notifier = Notifier.builder(transport).publisherId("compute.host1").topics("a", "b").retry(3).build();
		Notifier copy = notifier.withPublisherId("compute.host2");
		copy.info(RequestContext.empty(), "e", Map.of());
		assertThat(copy.topics()).containsExactly("a", "b");
		assertThat(copy.retry()).isEqualTo(3);
		assertThat(notifier.withRetry(0).retry()).isZero();
		assertThat(message(transport, driver.attempts.get(0)).get("publisher_id").asString()).isEqualTo("compute.host2");
		assertThat(notifier.publisherId()).isEqualTo("compute.host1");
	}

	@Test
	void aNotifierWithoutPublisherIdSendsNullAsOsloDoes() {
		RecordingDriver driver = RecordingDriver.succeeding();
		Transport transport = Transport.of(driver);
		Notifier.builder(transport).build().info(RequestContext.empty(), "e", null);
		assertThat(message(transport, driver.attempts.get(0)).get("publisher_id").isNull()).isTrue();
	}

	@Test
	void theBuilderRefusesNoTopicsAndRetriesBelowMinusOne() {
		Notifier.Builder builder = Notifier.builder(Transport.of(RecordingDriver.succeeding()));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.topics(List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.topics("ok", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.retry(-2)).withMessageContaining("-1");
	}

	@Test
	void driversAreNamedAsInOslosConfiguration() {
		assertThat(NotificationDriver.fromName("messagingv2")).isEqualTo(NotificationDriver.MESSAGING_V2);
		assertThat(NotificationDriver.fromName(" Messaging ")).isEqualTo(NotificationDriver.MESSAGING);
		assertThat(NotificationDriver.fromName("noop")).isEqualTo(NotificationDriver.NOOP);
		assertThat(NotificationDriver.fromName("LOG")).isEqualTo(NotificationDriver.LOG);
		assertThat(NotificationDriver.fromName("test")).isEqualTo(NotificationDriver.TEST);
		assertThat(NotificationDriver.fromName("routing")).isEqualTo(NotificationDriver.ROUTING);
		assertThatIllegalArgumentException().isThrownBy(() -> NotificationDriver.fromName("kafka"))
			.withMessageContaining("messagingv2, messaging, noop, log, test, routing");
	}

	/** A payload Jackson cannot write. */
	public static final class Exploding {

		public String getBoom() {
			throw new IllegalStateException("boom");
		}

	}

	private static RecordingDriver failing() {
		return new RecordingDriver((attempt) -> failure());
	}

	private static Mono<Void> failure() {
		return Mono.error(new MessageDeliveryFailureException("broker unreachable", null));
	}

	private static ObjectNode message(Transport transport, RecordingDriver.Publish publish) {
		return transport.envelope().unwrap(publish.body(), "application/json", Map.of());
	}

}
