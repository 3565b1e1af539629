package io.oslo4j.messaging.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessageRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What oslo's {@code retry} means to a publish retried through {@link Transport#publishRetry(Integer)},
 * or through {@link Transport#retryingPublish}, on {@code fake://}, which does not wait between attempts.
 */
class PublishRetryTests {

	private final Transport transport = Transport.open("fake:///publish-retry");

	private final AtomicInteger attempts = new AtomicInteger();

	@AfterEach
	void close() {
		this.transport.close();
	}

	@Test
	void withoutARetrySettingAPublishIsRetriedUntilItGoes() {
		StepVerifier.create(failing(25).retryWhen(this.transport.publishRetry(null))).verifyComplete();

		assertThat(this.attempts).hasValue(26);
	}

	@Test
	void aRetryOfMinusOneRetriesWithoutEndToo() {
		StepVerifier.create(failing(25).retryWhen(this.transport.publishRetry(-1))).verifyComplete();

		assertThat(this.attempts).hasValue(26);
	}

	@Test
	void aRetryOfZeroNeverRetries() {
		StepVerifier.create(failing(1).retryWhen(this.transport.publishRetry(0)))
			.verifyErrorMessage("attempt 1 failed");

		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void aRetryOfNRetriesNTimesThenPassesTheLastFailureOn() {
		StepVerifier.create(failing(10).retryWhen(this.transport.publishRetry(2)))
			.verifyErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(MessageDeliveryFailureException.class)
				.hasMessage("attempt 3 failed"));

		assertThat(this.attempts).hasValue(3);
	}

	@Test
	void aMessageTheBrokerRefusesIsNeverRetried() {
		Mono<Void> refused = Mono.defer(() -> {
			this.attempts.incrementAndGet();
			return Mono.error(new MessageRefusedException("too large", null));
		});

		StepVerifier.create(refused.retryWhen(this.transport.publishRetry(null)))
			.verifyError(MessageRefusedException.class);

		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void aFailureThatIsNoDeliveryFailureIsNeverRetried() {
		Mono<Void> broken = Mono.defer(() -> {
			this.attempts.incrementAndGet();
			return Mono.error(new IllegalStateException("a bug"));
		});

		StepVerifier.create(broken.retryWhen(this.transport.publishRetry(null))).verifyError(IllegalStateException.class);

		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void theSenderIsToldOfEveryRetryWithItsFailure() {
		List<String> told = new ArrayList<>();

		StepVerifier
			.create(failing(2).retryWhen(this.transport.publishRetry(5,
					(signal) -> told.add(signal.totalRetries() + ": " + signal.failure().getMessage()))))
			.verifyComplete();

		assertThat(told).containsExactly("0: attempt 1 failed", "1: attempt 2 failed");
	}

	@Test
	void aRetryBuiltAfterTheFirstFailureRetriesAsOftenAsOneBuiltBefore() {
		StepVerifier.create(this.transport.retryingPublish(failing(25), null)).verifyComplete();

		assertThat(this.attempts).hasValue(26);
	}

	@Test
	void aRetryBuiltAfterTheFirstFailurePassesTheLastFailureOnOnceExhausted() {
		StepVerifier.create(this.transport.retryingPublish(failing(10), 2))
			.verifyErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(MessageDeliveryFailureException.class)
				.hasMessage("attempt 3 failed"));

		assertThat(this.attempts).hasValue(3);
	}

	@Test
	void aRetryBuiltAfterTheFirstFailureNeverRetriesWithRetryZeroNorARefusal() {
		StepVerifier.create(this.transport.retryingPublish(failing(1), 0)).verifyErrorMessage("attempt 1 failed");
		Mono<Void> refused = Mono.defer(() -> {
			this.attempts.incrementAndGet();
			return Mono.error(new MessageRefusedException("too large", null));
		});
		StepVerifier.create(this.transport.retryingPublish(refused, null)).verifyError(MessageRefusedException.class);

		assertThat(this.attempts).hasValue(2);
	}

	@Test
	void aPublishThatGoesAtOnceIsAttemptedOnce() {
		StepVerifier.create(this.transport.retryingPublish(failing(0), null)).verifyComplete();

		assertThat(this.attempts).hasValue(1);
	}

	/** A publish whose first {@code failures} attempts fail as a lost connection does. */
	private Mono<Void> failing(int failures) {
		return Mono.defer(() -> {
			int attempt = this.attempts.incrementAndGet();
			return (attempt <= failures)
					? Mono.error(new MessageDeliveryFailureException("attempt " + attempt + " failed", null))
					: Mono.empty();
		});
	}

}
