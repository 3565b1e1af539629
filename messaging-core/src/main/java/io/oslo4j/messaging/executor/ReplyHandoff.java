package io.oslo4j.messaging.executor;

import java.util.concurrent.RejectedExecutionException;

import io.oslo4j.messaging.concurrent.SerialHandoff;

import reactor.core.scheduler.Scheduler;

/**
 * Hands outcomes over to the reply scheduler, where they are signalled. Outcomes queue here, and
 * one task on the reply scheduler signals every outcome queued by the time it runs: a busy server
 * wakes one reply thread for several replies instead of one per reply, and an idle one wakes it
 * once per reply, as before. A task signals at most {@value #BATCH} outcomes, then gives its
 * thread back (to heartbeats, say) and queues the next task for the rest. The drain is
 * {@link SerialHandoff}'s.
 *
 * <p>Outcomes of one executor are therefore signalled one after the other; no order is promised
 * between them. When the reply scheduler refuses the task (it was disposed of), the outcomes
 * queued are signalled as a failure on the thread that handed the last one over, as Reactor's
 * {@code publishOn} does.
 */
final class ReplyHandoff {

	static final int BATCH = 32;

	private static final SerialHandoff.Signal<Outcome> OUTCOMES = new SerialHandoff.Signal<>() {

		@Override
		public void signal(Outcome outcome) {
			outcome.signal();
		}

		@Override
		public void rejected(Outcome outcome, RejectedExecutionException failure) {
			outcome.rejected(failure);
		}

	};

	private final Scheduler scheduler;

	private final SerialHandoff<Outcome> handoff;

	ReplyHandoff(Scheduler scheduler) {
		this.scheduler = scheduler;
		this.handoff = new SerialHandoff<>(scheduler::schedule, BATCH, OUTCOMES);
	}

	Scheduler scheduler() {
		return this.scheduler;
	}

	/** Queues an outcome, to be signalled on the reply scheduler. */
	void handOver(Outcome outcome) {
		this.handoff.handOver(outcome);
	}

	/** An outcome waiting for the reply scheduler. */
	interface Outcome {

		/** Signals the outcome; on the reply scheduler. */
		void signal();

		/** The reply scheduler refused it: signals that failure, on the calling thread. */
		void rejected(RejectedExecutionException failure);

	}

}
