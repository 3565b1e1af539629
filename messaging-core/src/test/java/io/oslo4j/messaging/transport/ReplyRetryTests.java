package io.oslo4j.messaging.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessageUndeliverableException;
import io.oslo4j.messaging.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies to a missing reply queue, in virtual time: held, coalesced, bounded, counted. */
class ReplyRetryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final ReplyRetry retry = new ReplyRetry(TIMEOUT, 100, this.time);

	/** A reply queue that exists or not, and every publish tried on it. */
	private final AtomicBoolean present = new AtomicBoolean();

	private final AtomicInteger attempts = new AtomicInteger();

	private final List<String> delivered = new ArrayList<>();

	@AfterEach
	void dispose() {
		this.retry.dispose();
		this.time.dispose();
	}

	@Test
	void aReplyToAPresentQueueIsPublishedOnce() {
		this.present.set(true);

		StepVerifier.create(reply("r1")).expectComplete().verify(Duration.ofSeconds(5));

		assertThat(this.delivered).containsExactly("r1");
		assertThat(this.retry.counts()).isEqualTo(new ReplyRetry.Counts(0, 0, 0));
	}

	@Test
	void aReturnedReplyIsHeldAndItsPublishCompletesAtOnce() {
		StepVerifier.create(reply("r1")).expectComplete().verify(Duration.ofSeconds(5));

		assertThat(this.retry.counts().held()).isEqualTo(1);
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void manyRepliesToOneMissingQueueMakeOneProbeEveryInterval() {
		for (int i = 0; i < 50; i++) {
			reply("r" + i).block(Duration.ofSeconds(5));
		}
		int firstAttempts = this.attempts.get();

		this.time.advanceTimeBy(Duration.ofSeconds(10));

		assertThat(this.attempts.get() - firstAttempts).as("probes in 10 s").isEqualTo(40);
		assertThat(this.retry.counts().probes()).isEqualTo(40);
		assertThat(this.retry.counts().held()).isEqualTo(50);
	}

	@Test
	void onlyTheFirstReplyIsTriedBeforeItsQueueIsKnownMissing() {
		reply("r0").block(Duration.ofSeconds(5));
		for (int i = 1; i < 50; i++) {
			reply("r" + i).block(Duration.ofSeconds(5));
		}

		assertThat(this.attempts).as("the later replies wait behind the probe untried").hasValue(1);
	}

	@Test
	void whenTheQueueComesBackEveryHeldReplyFollowsInOrder() {
		for (int i = 0; i < 5; i++) {
			reply("r" + i).block(Duration.ofSeconds(5));
		}
		this.time.advanceTimeBy(Duration.ofSeconds(2));

		this.present.set(true);
		this.time.advanceTimeBy(ReplyRetry.INTERVAL);

		assertThat(this.delivered).containsExactly("r0", "r1", "r2", "r3", "r4");
		assertThat(this.retry.counts().held()).isZero();
		assertThat(this.retry.counts().dropped()).isZero();
	}

	@Test
	void aQueueStillMissingAtTheTimeoutIsGivenUpWithAllItsRepliesAndLoggedOnce() {
		try (LogCapture logs = LogCapture.of(Level.WARN, ReplyRetry.class.getName())) {
			for (int i = 0; i < 30; i++) {
				reply("r" + i).block(Duration.ofSeconds(5));
			}

			this.time.advanceTimeBy(TIMEOUT);

			assertThat(this.retry.counts()).isEqualTo(new ReplyRetry.Counts(240, 0, 30));
			assertThat(logs.text().split("is still missing", -1)).as("one line for the queue").hasSize(2);
			assertThat(logs.text()).contains("30 replies held for it are dropped");
		}
	}

	@Test
	void repliesToAGivenUpQueueAreDroppedAtOnceForSixtySeconds() {
		reply("r0").block(Duration.ofSeconds(5));
		this.time.advanceTimeBy(TIMEOUT);
		int attemptsAtGiveUp = this.attempts.get();

		StepVerifier.create(reply("r1"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(MessageDeliveryFailureException.class)
				.hasMessageContaining("was found missing less than 60 s ago"))
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(attemptsAtGiveUp);

		this.time.advanceTimeBy(ReplyRetry.OBSOLETE_FOR);
		this.present.set(true);
		StepVerifier.create(reply("r2")).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(this.delivered).containsExactly("r2");
	}

	@Test
	void repliesPastTheBoundAreDroppedCountedAndLoggedOncePerQueue() {
		try (LogCapture logs = LogCapture.of(Level.WARN, ReplyRetry.class.getName())) {
			for (int i = 0; i < 100; i++) {
				reply("r" + i).block(Duration.ofSeconds(5));
			}

			for (int i = 0; i < 20; i++) {
				StepVerifier.create(reply("over" + i))
					.expectError(MessageDeliveryFailureException.class)
					.verify(Duration.ofSeconds(5));
			}

			assertThat(this.retry.counts().held()).isEqualTo(100);
			assertThat(this.retry.counts().dropped()).isEqualTo(20);
			assertThat(logs.text().split("are already held for missing reply queues", -1)).hasSize(2);
		}
	}

	@Test
	void probesOfTwoMissingQueuesAreIndependent() {
		AtomicBoolean otherPresent = new AtomicBoolean();
		reply("a").block(Duration.ofSeconds(5));
		this.retry.retrying(publish("b", otherPresent), "reply_other").block(Duration.ofSeconds(5));
		assertThat(this.retry.counts().held()).isEqualTo(2);

		otherPresent.set(true);
		this.time.advanceTimeBy(ReplyRetry.INTERVAL);

		assertThat(this.delivered).containsExactly("b");
		assertThat(this.retry.counts().held()).isEqualTo(1);
	}

	private Mono<Void> reply(String body) {
		return this.retry.retrying(publish(body, this.present), "reply_missing");
	}

	private Mono<Void> publish(String body, AtomicBoolean queuePresent) {
		return Mono.defer(() -> {
			this.attempts.incrementAndGet();
			if (!queuePresent.get()) {
				return Mono.error(new MessageUndeliverableException("", "reply_missing"));
			}
			this.delivered.add(body);
			return Mono.empty();
		});
	}

}
