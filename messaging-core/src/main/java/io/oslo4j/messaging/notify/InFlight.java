package io.oslo4j.messaging.notify;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * What a listener run has taken from its transport and not yet settled, and the bound on how
 * many dispatches (notifications, or batches) run at once. Waiting for a permit is the
 * back-pressure: the transport's consumer thread stops taking messages while it waits.
 */
final class InFlight {

	private final Semaphore permits;

	private final Object lock = new Object();

	private int unsettled;

	InFlight(int maxDispatches) {
		this.permits = new Semaphore(maxDispatches);
	}

	/** Counts a message that was handed over, until {@link #settled(int)}. */
	void accepted() {
		synchronized (this.lock) {
			this.unsettled++;
		}
	}

	/** Messages taken and not yet settled. */
	int unsettled() {
		synchronized (this.lock) {
			return this.unsettled;
		}
	}

	void settled(int messages) {
		synchronized (this.lock) {
			this.unsettled -= messages;
			if (this.unsettled == 0) {
				this.lock.notifyAll();
			}
		}
	}

	/**
	 * Waits for room for one more dispatch.
	 * @return false when the thread was interrupted (its transport is closing); the interrupt is kept
	 */
	boolean acquire() {
		try {
			this.permits.acquire();
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	void release() {
		this.permits.release();
	}

	/**
	 * Waits until every message handed over is settled.
	 * @return whether that happened within the timeout (false also when interrupted; the interrupt is kept)
	 */
	boolean awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lock) {
			while (this.unsettled > 0) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				try {
					this.lock.wait(Math.max(1, remaining / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return true;
		}
	}

}
