package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.oslo4j.messaging.TransportUrl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waits before each attempt to consume again, as oslo's {@code Connection.ensure} and kombu's
 * {@code retry_over_time} compute them; computed, never waited for.
 */
class ReconnectBackoffTests {

	@Test
	void withOslosDefaultsTheFirstAttemptWaitsTheReconnectDelayAndLaterOnesGrowBy2SecondsUpTo32() {
		ReconnectBackoff backoff = ReconnectBackoff.of(RabbitOptions.defaults());

		assertThat(waitsInSeconds(backoff, 19)).containsExactly(1L, 2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L, 20L, 22L,
				24L, 26L, 28L, 30L, 32L, 32L, 32L);
	}

	@Test
	void theIntervalStartsAtTheRetryIntervalAndStopsAtTheLastStepWithinIntervalMaxPlusRetryInterval() {
		// kombu: fxrange(start=3, stop=10 + 3, step=4, repeatlast=True) yields 3, 7, 11, 11, ...
		ReconnectBackoff backoff = backoff(Map.of("rabbit_retry_interval", "3", "rabbit_retry_backoff", "4",
				"rabbit_interval_max", "10", "kombu_reconnect_delay", "0"));

		assertThat(waitsInSeconds(backoff, 5)).containsExactly(0L, 3L, 7L, 11L, 11L);
	}

	@Test
	void aBackoffOfZeroRetriesAtTheRetryIntervalForever() {
		ReconnectBackoff backoff = backoff(Map.of("rabbit_retry_interval", "5", "rabbit_retry_backoff", "0",
				"kombu_reconnect_delay", "0.5"));

		assertThat(List.of(backoff.beforeAttempt(0), backoff.beforeAttempt(1), backoff.beforeAttempt(1000)))
			.containsExactly(Duration.ofMillis(500), Duration.ofMillis(5500), Duration.ofMillis(5500));
	}

	@Test
	void theSplayAddsARandomPartOfItselfToEveryWait() {
		RabbitOptions options = options(Map.of("kombu_reconnect_delay", "1.0", "kombu_reconnect_splay", "2.0"));
		ReconnectBackoff lowest = new ReconnectBackoff(options.reconnect(), () -> 0.0);
		ReconnectBackoff halfway = new ReconnectBackoff(options.reconnect(), () -> 0.5);

		assertThat(lowest.beforeAttempt(0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(halfway.beforeAttempt(0)).isEqualTo(Duration.ofSeconds(2));
		assertThat(halfway.beforeAttempt(2)).isEqualTo(Duration.ofSeconds(2 + 3));
	}

	@Test
	void aLargeNumberOfFailedAttemptsStaysAtTheLastInterval() {
		ReconnectBackoff backoff = ReconnectBackoff.of(RabbitOptions.defaults());

		assertThat(backoff.beforeAttempt(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(32));
	}

	private static List<Long> waitsInSeconds(ReconnectBackoff backoff, int attempts) {
		return IntStream.range(0, attempts).mapToObj((failed) -> backoff.beforeAttempt(failed).toSeconds()).toList();
	}

	private static ReconnectBackoff backoff(Map<String, String> query) {
		return ReconnectBackoff.of(options(query));
	}

	private static RabbitOptions options(Map<String, String> query) {
		return RabbitOptions.fromQuery("test", query);
	}

}
