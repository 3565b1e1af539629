package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;

/**
 * oslo4j's rule for a connection that went silent while the client waits for the broker (not
 * oslo's: py-amqp only counts missed heartbeats). A live broker answers a write quickly, or at
 * least sends something; a connection on which the client wrote a frame (a publish, an ack, a
 * method; not a heartbeat) and then heard nothing at all for {@link #SUSPECT_AFTER} is suspect: it
 * is then asked something the broker must answer at once (a probe), and if still nothing at all
 * arrives within {@link #PROBE_TIMEOUT}, it is dead. Anything read (a frame, a heartbeat) counts as
 * alive; nothing is suspected while the broker has blocked the connection ({@code connection.blocked}:
 * a blocked connection is not read by the broker), nor on a connection where nothing was written
 * since the last read, unless another connection to the same broker was just found dead by
 * silence: then it is asked at once.
 *
 * <p>Times are {@link System#nanoTime()} values. {@link #check} is called by one thread, on a tick
 * shorter than the suspicion; the times it reads are written by the connection's reader and writers.
 */
final class SilenceWatch {

	/** How long nothing may be heard after a write before the broker is asked whether it is there. */
	static final Duration SUSPECT_AFTER = Duration.ofSeconds(1);

	/** How long the probe may go without anything heard before the connection is dead. */
	static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);

	/** How often the watch is checked: a quarter of the suspicion. */
	static final Duration TICK = SUSPECT_AFTER.dividedBy(4);

	/** What a check finds. */
	enum Verdict {

		/** Nothing to do: nothing is awaited, or something was heard, or the probe has time left. */
		QUIET,

		/** Ask the broker something it must answer at once. */
		PROBE,

		/** The probe went unanswered: abort the connection. */
		DEAD

	}

	private final long suspectAfterNanos;

	private final long probeTimeoutNanos;

	private boolean suspecting;

	private long suspectFrom;

	private boolean probing;

	private long probedAt;

	SilenceWatch() {
		this(SUSPECT_AFTER, PROBE_TIMEOUT);
	}

	SilenceWatch(Duration suspectAfter, Duration probeTimeout) {
		this.suspectAfterNanos = suspectAfter.toNanos();
		this.probeTimeoutNanos = probeTimeout.toNanos();
	}

	/**
	 * @param now the time of the check
	 * @param lastRead when anything was last read from the broker
	 * @param lastWrite when a frame other than a heartbeat was last written to it
	 * @param blocked whether the broker blocks the connection ({@code connection.blocked})
	 * @param suspect whether the connection is suspect whatever was written: another connection to
	 * the same broker was just found dead by silence
	 */
	Verdict check(long now, long lastRead, long lastWrite, boolean blocked, boolean suspect) {
		if (blocked) {
			this.suspecting = false;
			this.probing = false;
			return Verdict.QUIET;
		}
		if (this.probing) {
			if (lastRead - this.probedAt < 0) {
				return (now - this.probedAt >= this.probeTimeoutNanos) ? Verdict.DEAD : Verdict.QUIET;
			}
			this.probing = false;
			this.suspecting = false;
		}
		if (suspect) {
			this.probing = true;
			this.probedAt = now;
			return Verdict.PROBE;
		}
		if (this.suspecting && lastRead - this.suspectFrom >= 0) {
			this.suspecting = false;
		}
		if (!this.suspecting && lastWrite - lastRead > 0) {
			this.suspecting = true;
			this.suspectFrom = lastWrite;
		}
		if (this.suspecting && now - this.suspectFrom >= this.suspectAfterNanos) {
			this.probing = true;
			this.probedAt = now;
			return Verdict.PROBE;
		}
		return Verdict.QUIET;
	}

}
