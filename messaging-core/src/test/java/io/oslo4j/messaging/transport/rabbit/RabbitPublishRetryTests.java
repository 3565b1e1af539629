package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.transport.Transport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A publish retried through {@code rabbit://}'s policy waits as the driver does before it
 * reconnects, from oslo's options; on virtual time, so that nothing is waited for.
 */
class RabbitPublishRetryTests {

	private final List<Long> attemptsAt = new CopyOnWriteArrayList<>();

	@Test
	void retriesWaitTheReconnectDelayThenGrowByTheRetryBackoffFromTheRetryInterval() {
		try (Transport transport = Transport.open("rabbit://guest:guest@127.0.0.1:1/?rabbit_retry_interval=1"
				+ "&rabbit_retry_backoff=2&kombu_reconnect_delay=0.5")) {
			StepVerifier.withVirtualTime(() -> failing(3, null).retryWhen(transport.publishRetry(null)))
				.thenAwait(Duration.ofMinutes(1))
				.verifyComplete();
		}

		// waits of 0.5, 0.5 + 1 and 0.5 + 3 s
		assertThat(this.attemptsAt).containsExactly(0L, 500L, 2_000L, 5_500L);
	}

	@Test
	void withOslosDefaultsARetryOfTwoTriesThreeTimesOverThreeSecondsThenFails() {
		try (Transport transport = Transport.open("rabbit://guest:guest@127.0.0.1:1/")) {
			StepVerifier.withVirtualTime(() -> failing(10, null).retryWhen(transport.publishRetry(2)))
				.thenAwait(Duration.ofMinutes(1))
				.verifyError(MessageDeliveryFailureException.class);
		}

		assertThat(this.attemptsAt).containsExactly(0L, 1_000L, 3_000L);
	}

	@Test
	void theWaitsStopGrowingAtTheIntervalMax() {
		try (Transport transport = Transport.open("rabbit://guest:guest@127.0.0.1:1/?rabbit_retry_interval=1"
				+ "&rabbit_retry_backoff=2&rabbit_interval_max=3&kombu_reconnect_delay=0")) {
			StepVerifier.withVirtualTime(() -> failing(4, null).retryWhen(transport.publishRetry(null)))
				.thenAwait(Duration.ofMinutes(1))
				.verifyComplete();
		}

		// kombu's fxrange(1, 3 + 1, 2): 1, 3, 3, ...
		assertThat(this.attemptsAt).containsExactly(0L, 0L, 1_000L, 4_000L, 7_000L);
	}

	@Test
	void aRetryAfterARefusedConnectionGoesAsSoonAsTheBrokerAcceptsConnectionsAgain() throws IOException {
		ReconnectBackoff longSteps = new ReconnectBackoff(new RabbitReconnectOptions(Duration.ofSeconds(30),
				Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ZERO), () -> 0.0);
		try (ServerSocket back = new ServerSocket(0)) {
			PublishWait wait = new PublishWait(longSteps, BrokerProbe.of("127.0.0.1", back.getLocalPort()));
			Retry retry = Retry.from((signals) -> signals
				.concatMap((signal) -> wait.beforeRetry(signal.totalRetries(), signal.failure()).then(Mono.just(1))));
			StepVerifier.withVirtualTime(() -> failing(1, new ConnectException("Connection refused")).retryWhen(retry))
				.thenAwait(Duration.ofMillis(BrokerProbe.INTERVAL_MILLIS))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		}

		// the first probe found the broker back: no wait of 30 s
		assertThat(this.attemptsAt).containsExactly(0L, BrokerProbe.INTERVAL_MILLIS);
	}

	/** A publish whose first attempts fail as a lost connection does, each noting when it went. */
	private Mono<Void> failing(int failures, @Nullable Throwable cause) {
		return Mono.defer(() -> {
			this.attemptsAt.add(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
			return (this.attemptsAt.size() <= failures)
					? Mono.error(new MessageDeliveryFailureException("the connection is lost", cause))
					: Mono.empty();
		});
	}

}
