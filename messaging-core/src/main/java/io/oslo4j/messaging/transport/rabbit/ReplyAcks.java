package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.transport.Delivery;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Acknowledges the replies of the named reply queue in batches: one {@code basic.ack} with
 * {@code multiple} for up to {@link #batch} replies, sent when that many are unacknowledged or
 * {@link #LINGER} after the first of them, whichever comes first. A reply is handed to its call at
 * once either way; only its acknowledgement waits. Under load that is one command instead of one
 * per call (a frame written, a turn of the socket's lock and a {@code write} less per call); a
 * quiet client acknowledges {@code LINGER} after its last reply.
 *
 * <p>What this costs: when the reply channel is lost, the replies not yet acknowledged go back to
 * the queue and come again after the reconnect, up to {@code batch} of them, to calls that already
 * have them; {@code ReplyWaiter} drops a reply nobody waits for. With acknowledgement on receipt
 * it is the same for the replies in flight at that moment, so nothing new can go wrong, only more
 * of it. With {@code rabbit_qos_prefetch_count} set, the batch is at most half of it, so that the
 * broker never stops delivering for want of an acknowledgement.
 */
final class ReplyAcks implements AutoCloseable {

	/** How long the first unacknowledged reply of a batch waits for others. */
	static final Duration LINGER = Duration.ofMillis(10);

	/** The batch without a prefetch count. */
	private static final int UNBOUNDED_BATCH = 64;

	private final int batch;

	private final Scheduler timer;

	/** The newest reply not yet acknowledged; every one before it on its channel is acknowledged with it. */
	private @Nullable RabbitDelivery newest;

	private int unacknowledged;

	private boolean lingering;

	private boolean closed;

	/**
	 * @param prefetchCount {@code rabbit_qos_prefetch_count}, 0 for none
	 * @param timer runs the acknowledgement of a batch that stopped growing
	 */
	ReplyAcks(int prefetchCount, Scheduler timer) {
		this.batch = (prefetchCount > 0) ? Math.max(1, prefetchCount / 2) : UNBOUNDED_BATCH;
		this.timer = timer;
	}

	ReplyAcks(int prefetchCount) {
		this(prefetchCount, Schedulers.boundedElastic());
	}

	/**
	 * Takes over the acknowledgement of a reply, which is then handed to its call as one already
	 * acknowledged: what the call's side does to settle it sends nothing. Called by the reply
	 * queue's consumer, one reply at a time.
	 */
	void acknowledge(Delivery delivery) {
		RabbitDelivery reply = (RabbitDelivery) delivery;
		if (!reply.takeOverSettling()) {
			return;
		}
		boolean linger = false;
		synchronized (this) {
			if (this.closed) {
				reply.ackWithEarlier();
				return;
			}
			RabbitDelivery previous = this.newest;
			if (previous != null && previous.channel() != reply.channel()) {
				// that channel is gone, and with it what it had not acknowledged: back in the queue
				this.unacknowledged = 0;
			}
			this.newest = reply;
			this.unacknowledged++;
			if (this.unacknowledged >= this.batch) {
				acknowledgeNewest();
			}
			else if (!this.lingering) {
				this.lingering = true;
				linger = true;
			}
		}
		if (linger) {
			try {
				this.timer.schedule(this::lingered, LINGER.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// no timer (the application is shutting Reactor down): what is waiting goes now
				lingered();
			}
		}
	}

	/** How many replies are not yet acknowledged; for tests. */
	synchronized int unacknowledged() {
		return this.unacknowledged;
	}

	/** Acknowledges what is left; later replies are acknowledged on receipt. */
	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.newest != null) {
			acknowledgeNewest();
		}
	}

	private synchronized void lingered() {
		this.lingering = false;
		if (this.newest != null) {
			acknowledgeNewest();
		}
	}

	/** Under the lock: two acknowledgements never cross on the wire, which the broker would refuse. */
	private void acknowledgeNewest() {
		RabbitDelivery reply = this.newest;
		this.newest = null;
		this.unacknowledged = 0;
		if (reply != null) {
			reply.ackWithEarlier();
		}
	}

}
