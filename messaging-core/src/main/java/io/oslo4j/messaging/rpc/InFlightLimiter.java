package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds and counts a server's in-flight requests, in two lanes: work that holds a worker
 * (anything under eventlet, blocking methods under greenio) and non-blocking work (asynchronous
 * methods under greenio), so that slow blocking methods cannot use up the room of reactive ones.
 *
 * <p>A lane runs at most {@code max} requests. A blocking request that finds its lane full waits
 * in the lane's waiting room (as many places as the lane runs) and starts when a running one
 * finishes, so the consumer thread can go on taking reactive requests. Only when the waiting room
 * is full too does {@link #submit} block its caller, the transport's consumer thread: that is the
 * server's back-pressure, and the broker keeps the rest. Everything submitted is counted until
 * released, including the reply's publish.
 */
final class InFlightLimiter {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition idle = this.lock.newCondition();

	private final Lane blocking;

	private final Lane nonBlocking;

	private int inFlight;

	InFlightLimiter(int maxBlocking, int maxNonBlocking) {
		this.blocking = new Lane(maxBlocking, maxBlocking);
		this.nonBlocking = new Lane(maxNonBlocking, 0);
	}

	/**
	 * Starts {@code work} now if its lane has room, later if it can wait, or blocks until one of
	 * those is possible.
	 * @param holdsWorker which lane the work belongs to
	 * @param work what starts the request; it must return quickly and end with {@link #release}
	 */
	void submit(boolean holdsWorker, Runnable work) throws InterruptedException {
		Lane lane = holdsWorker ? this.blocking : this.nonBlocking;
		boolean startNow;
		this.lock.lock();
		try {
			while (lane.running == lane.max && lane.waiting.size() == lane.waitingCapacity) {
				lane.room.await();
			}
			startNow = lane.running < lane.max;
			if (startNow) {
				lane.running++;
			}
			else {
				lane.waiting.addLast(work);
			}
			this.inFlight++;
		}
		finally {
			this.lock.unlock();
		}
		if (startNow) {
			work.run();
		}
	}

	/** Ends a request of the lane, and starts the next waiting one. */
	void release(boolean holdsWorker) {
		Lane lane = holdsWorker ? this.blocking : this.nonBlocking;
		Runnable next;
		this.lock.lock();
		try {
			next = lane.waiting.pollFirst();
			if (next == null) {
				lane.running--;
			}
			lane.room.signal();
			exitLocked();
		}
		finally {
			this.lock.unlock();
		}
		if (next != null) {
			next.run();
		}
	}

	/** Counts in a request that needs no room (a dispatch error's reply). */
	void enter() {
		this.lock.lock();
		try {
			this.inFlight++;
		}
		finally {
			this.lock.unlock();
		}
	}

	void exit() {
		this.lock.lock();
		try {
			exitLocked();
		}
		finally {
			this.lock.unlock();
		}
	}

	int inFlight() {
		this.lock.lock();
		try {
			return this.inFlight;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Requests of the lane running or waiting for room. */
	int inFlight(boolean holdsWorker) {
		Lane lane = holdsWorker ? this.blocking : this.nonBlocking;
		this.lock.lock();
		try {
			return lane.running + lane.waiting.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How many requests of the lane run at once. */
	int limit(boolean holdsWorker) {
		return holdsWorker ? this.blocking.max : this.nonBlocking.max;
	}

	/** Waits until nothing is in flight; false if the timeout passed first. */
	boolean awaitIdle(Duration timeout) throws InterruptedException {
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.inFlight > 0) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.idle.awaitNanos(remaining);
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void exitLocked() {
		this.inFlight--;
		if (this.inFlight == 0) {
			this.idle.signalAll();
		}
	}

	private final class Lane {

		private final int max;

		private final int waitingCapacity;

		private final Deque<Runnable> waiting = new ArrayDeque<>();

		private final Condition room = InFlightLimiter.this.lock.newCondition();

		private int running;

		Lane(int max, int waitingCapacity) {
			this.max = max;
			this.waitingCapacity = waitingCapacity;
		}

	}

}
