package io.oslo4j.messaging.executor;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

/**
 * Hands outcomes over to the reply scheduler, where they are signalled. Outcomes queue here, and
 * one task on the reply scheduler signals every outcome queued by the time it runs: a busy server
 * wakes one reply thread for several replies instead of one per reply, and an idle one wakes it
 * once per reply, as before. A task signals at most {@value #BATCH} outcomes, then gives its
 * thread back (to heartbeats, say) and queues the next task for the rest.
 *
 * <p>Outcomes of one executor are therefore signalled one after the other; no order is promised
 * between them. When the reply scheduler refuses the task (it was disposed of), the outcomes
 * queued are signalled as a failure on the thread that handed the last one over, as Reactor's
 * {@code publishOn} does.
 */
final class ReplyHandoff {

	private static final Logger logger = LoggerFactory.getLogger(ReplyHandoff.class);

	static final int BATCH = 32;

	private final Scheduler scheduler;

	private final Queue<Outcome> queued = new ConcurrentLinkedQueue<>();

	/** Hand-overs not yet seen by a task; a task is queued or running while it is above zero. */
	private final AtomicInteger missed = new AtomicInteger();

	private final Runnable drain = () -> drain(null);

	ReplyHandoff(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	Scheduler scheduler() {
		return this.scheduler;
	}

	/** Queues an outcome, to be signalled on the reply scheduler. */
	void handOver(Outcome outcome) {
		this.queued.offer(outcome);
		if (this.missed.getAndIncrement() == 0) {
			schedule();
		}
	}

	private void schedule() {
		try {
			this.scheduler.schedule(this.drain);
		}
		catch (RejectedExecutionException ex) {
			drain(ex);
		}
	}

	/**
	 * Signals what is queued, or, once the scheduler has refused a task, fails it. Every outcome
	 * counted in {@code missed} was queued before it was counted, so that emptying the queue and
	 * then taking off what was counted leaves nothing behind.
	 */
	private void drain(@Nullable RejectedExecutionException refused) {
		int seen = this.missed.get();
		int signalled = 0;
		for (;;) {
			Outcome outcome;
			while ((outcome = this.queued.poll()) != null) {
				signal(outcome, refused);
				if (refused == null && ++signalled == BATCH) {
					schedule();
					return;
				}
			}
			seen = this.missed.addAndGet(-seen);
			if (seen == 0) {
				return;
			}
		}
	}

	private static void signal(Outcome outcome, @Nullable RejectedExecutionException refused) {
		try {
			if (refused != null) {
				outcome.rejected(refused);
			}
			else {
				outcome.signal();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Signalling an outcome failed", ex);
		}
	}

	/** An outcome waiting for the reply scheduler. */
	interface Outcome {

		/** Signals the outcome; on the reply scheduler. */
		void signal();

		/** The reply scheduler refused it: signals that failure, on the calling thread. */
		void rejected(RejectedExecutionException failure);

	}

}
