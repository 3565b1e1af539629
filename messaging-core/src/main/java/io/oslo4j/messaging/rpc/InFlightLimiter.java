package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds and counts a server's in-flight requests. Blocking work (anything that holds a worker)
 * and non-blocking work (asynchronous methods under greenio) have separate bounds, so slow
 * blocking methods cannot use up the room of reactive ones. {@link #acquire(boolean)} blocks the
 * caller (the transport's consumer thread) while the bound is reached: that is the server's
 * back-pressure. Everything acquired is counted until released, including the reply's publish.
 */
final class InFlightLimiter {

	private final Semaphore blocking;

	private final Semaphore nonBlocking;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition idle = this.lock.newCondition();

	private int inFlight;

	InFlightLimiter(int maxBlocking, int maxNonBlocking) {
		this.blocking = new Semaphore(maxBlocking);
		this.nonBlocking = new Semaphore(maxNonBlocking);
	}

	/** Waits for room, then counts one request in. */
	void acquire(boolean holdsWorker) throws InterruptedException {
		(holdsWorker ? this.blocking : this.nonBlocking).acquire();
		track(1);
	}

	/** Counts in a request that needs no room (a dispatch error's reply). */
	void enter() {
		track(1);
	}

	void release(boolean holdsWorker) {
		(holdsWorker ? this.blocking : this.nonBlocking).release();
		track(-1);
	}

	void exit() {
		track(-1);
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

	private void track(int delta) {
		this.lock.lock();
		try {
			this.inFlight += delta;
			if (this.inFlight == 0) {
				this.idle.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

}
