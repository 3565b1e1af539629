package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;

import io.oslo4j.messaging.transport.rabbit.SilenceWatch.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * oslo4j's rule for a connection that went silent while the client waits for the broker: a write,
 * then a second of silence, makes it suspect and asks for a probe; a probe unanswered for 1.5 s
 * makes it dead. Anything read resets it; a blocked connection and one where nothing was written
 * are never suspected, unless another connection to the same broker was found dead by silence. Times in milliseconds on a clock of the test's own.
 */
class SilenceWatchTests {

	private final SilenceWatch watch = new SilenceWatch(Duration.ofMillis(1000), Duration.ofMillis(1500));

	private long lastRead;

	private long lastWrite;

	private boolean blocked;

	@Test
	void aWriteFollowedByASecondOfSilenceAsksForAProbeAndAnUnansweredProbeIsDeath() {
		this.lastWrite = 100;

		assertThat(check(500)).isEqualTo(Verdict.QUIET);
		assertThat(check(1100)).isEqualTo(Verdict.PROBE);
		this.lastWrite = 1110; // the probe itself
		assertThat(check(2500)).isEqualTo(Verdict.QUIET);
		assertThat(check(2600)).isEqualTo(Verdict.DEAD);
	}

	@Test
	void anIdleConnectionWhereNothingWasWrittenIsNeverSuspected() {
		this.lastRead = 50;
		this.lastWrite = 40;

		assertThat(check(1_000)).isEqualTo(Verdict.QUIET);
		assertThat(check(60_000)).isEqualTo(Verdict.QUIET);
		assertThat(check(600_000)).isEqualTo(Verdict.QUIET);
	}

	@Test
	void anythingReadBeforeTheSuspicionResetsIt() {
		this.lastWrite = 100;
		assertThat(check(900)).isEqualTo(Verdict.QUIET);

		this.lastRead = 950; // a frame or a heartbeat
		assertThat(check(1100)).isEqualTo(Verdict.QUIET);
		assertThat(check(5000)).isEqualTo(Verdict.QUIET);
	}

	@Test
	void anythingReadAfterTheProbeAnswersIt() {
		this.lastWrite = 100;
		assertThat(check(1100)).isEqualTo(Verdict.PROBE);
		this.lastWrite = 1110;

		this.lastRead = 2000; // the answer, late but there: a slow broker is a live one
		assertThat(check(2700)).isEqualTo(Verdict.QUIET);
		assertThat(check(10_000)).isEqualTo(Verdict.QUIET);
	}

	@Test
	void theSilenceCountsFromTheFirstWriteSeenUnansweredNotFromTheLatest() {
		this.lastWrite = 100;
		assertThat(check(200)).isEqualTo(Verdict.QUIET);

		this.lastWrite = 1000; // writes go on into the silence
		assertThat(check(1100)).isEqualTo(Verdict.PROBE);
	}

	@Test
	void aWriteAfterAnAnsweredProbeStartsANewSuspicion() {
		this.lastWrite = 100;
		assertThat(check(1100)).isEqualTo(Verdict.PROBE);
		this.lastRead = 1120;
		assertThat(check(1300)).isEqualTo(Verdict.QUIET);

		this.lastWrite = 5000;
		assertThat(check(5500)).isEqualTo(Verdict.QUIET);
		assertThat(check(6000)).isEqualTo(Verdict.PROBE);
	}

	@Test
	void aConnectionTheBrokerBlocksIsNeverSuspectedThoughNothingAnswersItsPublishes() {
		this.lastWrite = 100;
		this.blocked = true;

		assertThat(check(1100)).isEqualTo(Verdict.QUIET);
		assertThat(check(60_000)).isEqualTo(Verdict.QUIET);
	}

	@Test
	void aBlockWhileTheProbeIsOutCancelsIt() {
		this.lastWrite = 100;
		assertThat(check(1100)).isEqualTo(Verdict.PROBE);

		this.blocked = true;
		assertThat(check(3000)).isEqualTo(Verdict.QUIET);
	}

	@Test
	void onceUnblockedAnUnansweredWriteIsSuspectedAgainFromNow() {
		this.lastWrite = 100;
		this.blocked = true;
		assertThat(check(5000)).isEqualTo(Verdict.QUIET);

		this.lastRead = 5150; // connection.unblocked was read
		this.blocked = false;
		assertThat(check(5160)).isEqualTo(Verdict.QUIET);
		this.lastWrite = 5200; // the publish that waited
		assertThat(check(6000)).isEqualTo(Verdict.QUIET);
		assertThat(check(6200)).isEqualTo(Verdict.PROBE);
	}

	@Test
	void anIdleConnectionIsProbedAtOnceWhenAnotherToTheSameBrokerWasFoundSilent() {
		this.lastRead = 50;
		this.lastWrite = 40;

		assertThat(this.watch.check(nanos(100), nanos(this.lastRead), nanos(this.lastWrite), false, true))
			.isEqualTo(Verdict.PROBE);
		assertThat(check(1500)).isEqualTo(Verdict.QUIET);
		assertThat(check(1600)).isEqualTo(Verdict.DEAD);
	}

	@Test
	void aBlockedConnectionIsNotProbedThoughAnotherWasFoundSilent() {
		this.blocked = true;

		assertThat(this.watch.check(nanos(100), 0, 0, true, true)).isEqualTo(Verdict.QUIET);
	}

	private Verdict check(long nowMillis) {
		return this.watch.check(nanos(nowMillis), nanos(this.lastRead), nanos(this.lastWrite), this.blocked, false);
	}

	private static long nanos(long millis) {
		return Duration.ofMillis(millis).toNanos();
	}

}
