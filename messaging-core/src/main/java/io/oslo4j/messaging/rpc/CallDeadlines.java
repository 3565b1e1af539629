package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import reactor.core.scheduler.Scheduler;

/**
 * The deadlines of the calls waiting for a reply, in slots of {@link #GRAIN}: one timer task per
 * slot rather than one per call. A call's deadline is rounded up to the end of its slot, so it
 * times out at most one grain late. A slot's task is never cancelled: it runs once, at its end,
 * and times out the calls still in it. A call that ends leaves its slot, and nothing of it stays
 * behind. Since the slots ahead of a new one always hold a task of their own, a new task is never
 * the first of the timer's queue, and the timer thread wakes once per slot, not once per call
 * (with one call at a time, each call's task used to be the first, and woke it).
 */
final class CallDeadlines {

	static final Duration GRAIN = Duration.ofMillis(20);

	private static final long GRAIN_NANOS = GRAIN.toNanos();

	private final Scheduler timer;

	private final Map<Long, Slot> slots = new ConcurrentHashMap<>();

	CallDeadlines(Scheduler timer) {
		this.timer = timer;
	}

	/**
	 * Starts the deadline of a call; its {@link PendingCall#run()} is its timeout.
	 * @return the slot, which the call leaves when it ends
	 */
	Slot add(PendingCall call, Duration timeout) {
		long now = System.nanoTime();
		long end = Math.floorDiv(now + timeout.toNanos(), GRAIN_NANOS) + 1;
		Slot slot = this.slots.get(end);
		if (slot == null) {
			Slot created = new Slot(end);
			slot = this.slots.putIfAbsent(end, created);
			if (slot == null) {
				// entered before its task is scheduled, so that a timer that refuses it fails this call too
				created.enter(call);
				schedule(created, end * GRAIN_NANOS - now);
				return created;
			}
		}
		if (!slot.enter(call)) {
			// that slot has just run: its time, and this call's deadline, are over
			this.slots.remove(end, slot);
			call.run();
		}
		return slot;
	}

	private void schedule(Slot slot, long delayNanos) {
		try {
			this.timer.schedule(slot, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// a timer that is gone fails the calls, as Mono#timeout would
			this.slots.remove(slot.end, slot);
			slot.expire((call) -> call.fail(ex));
		}
	}

	/** The calls whose deadlines end with one grain. */
	final class Slot implements Runnable {

		private final long end;

		// sized for a busy client's 20 ms of calls (about 120 at 6,000 calls/s): no resizing as they join
		private final Set<PendingCall> calls = ConcurrentHashMap.newKeySet(256);

		private volatile boolean expired;

		private Slot(long end) {
			this.end = end;
		}

		/** False when the slot has run already, and the call was not entered. */
		private boolean enter(PendingCall call) {
			this.calls.add(call);
			return !this.expired || !this.calls.remove(call);
		}

		/** The call ended: it leaves the slot. */
		void leave(PendingCall call) {
			this.calls.remove(call);
		}

		@Override
		public void run() {
			CallDeadlines.this.slots.remove(this.end, this);
			expire(PendingCall::run);
		}

		private void expire(Consumer<PendingCall> timeout) {
			this.expired = true;
			for (PendingCall call : this.calls) {
				if (this.calls.remove(call)) {
					timeout.accept(call);
				}
			}
		}

	}

}
