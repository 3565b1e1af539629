package io.oslo4j.messaging.benchmarks;

import java.math.BigDecimal;
import java.time.Duration;

/** Seconds as the command line and oslo give them (fractions allowed) turned into durations. */
final class Durations {

	private Durations() {
	}

	/**
	 * {@code seconds} as a duration, to the nanosecond.
	 * @throws IllegalArgumentException if negative, naming the value
	 */
	static Duration ofSeconds(Number seconds) {
		long nanos = new BigDecimal(seconds.toString()).movePointRight(9).longValue();
		if (nanos < 0) {
			throw new IllegalArgumentException("seconds must not be negative, was " + seconds);
		}
		return Duration.ofNanos(nanos);
	}

}
