package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long the driver waits before each attempt to consume again after it lost a channel or the
 * broker cancelled a consumer, and a sender before it publishes again ({@link PublishWait}): oslo's
 * {@code Connection.ensure} on kombu's {@code ensure_connection}, the one policy of every reconnect
 * and every publish retry in the driver.
 *
 * <ul>
 * <li>Before the first attempt: {@code kombu_reconnect_delay} (oslo's error callback sleeps it
 * before kombu reconnects).</li>
 * <li>After the n-th failed attempt: {@code kombu_reconnect_delay} again, plus kombu's n-th
 * interval: {@code rabbit_retry_interval}, growing by {@code rabbit_retry_backoff} per attempt
 * (linearly, kombu's {@code fxrange}), and staying at the last value that does not pass
 * {@code rabbit_interval_max + rabbit_retry_interval}: with oslo's defaults 1, 3, 5 ... 31 s.</li>
 * <li>Each wait gets a random extra of up to {@code kombu_reconnect_splay}, as the option says;
 * oslo 18.3 adds it to the wait it logs only.</li>
 * </ul>
 * One attempt tries every host of the connection factory, as one kombu round over the URL's hosts
 * does (kombu moves to the next interval only when a round is complete).
 */
final class ReconnectBackoff {

	private final long startMillis;

	private final long stepMillis;

	private final long stopMillis;

	private final long delayMillis;

	private final long splayMillis;

	private final DoubleSupplier random;

	/**
	 * @param random a number in [0, 1) per wait, for the splay
	 */
	ReconnectBackoff(RabbitReconnectOptions options, DoubleSupplier random) {
		this.startMillis = options.retryInterval().toMillis();
		this.stepMillis = options.retryBackoff().toMillis();
		this.stopMillis = options.intervalMax().toMillis() + this.startMillis;
		this.delayMillis = options.reconnectDelay().toMillis();
		this.splayMillis = options.reconnectSplay().toMillis();
		this.random = random;
	}

	/** The back-off of these options, with a random splay. */
	static ReconnectBackoff of(RabbitOptions options) {
		return new ReconnectBackoff(options.reconnect(), () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * How long to wait before the next attempt.
	 * @param failedAttempts how many attempts failed since the loss: 0 before the first one
	 */
	Duration beforeAttempt(int failedAttempts) {
		long wait = this.delayMillis + (long) (this.splayMillis * this.random.getAsDouble());
		if (failedAttempts > 0) {
			wait += intervalMillis(failedAttempts);
		}
		return Duration.ofMillis(wait);
	}

	/** kombu's {@code fxrange(start, max + start, step, repeatlast=True)}, its n-th value (from 1). */
	private long intervalMillis(int n) {
		if (this.stepMillis == 0) {
			return this.startMillis;
		}
		long lastStep = (this.stopMillis - this.startMillis) / this.stepMillis;
		return this.startMillis + Math.min(n - 1, lastStep) * this.stepMillis;
	}

}
