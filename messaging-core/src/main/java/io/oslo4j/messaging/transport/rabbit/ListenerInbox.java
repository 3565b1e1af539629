package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.oslo4j.messaging.transport.rabbit.ListenerSignal.Closed;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.Delivered;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.Stopped;

import org.jspecify.annotations.Nullable;

/**
 * A listener's inbox: the signals for its own thread, in arrival order, so that a recovery (waits,
 * declarations, consuming again) never runs on amqp-client's threads nor overlaps with another.
 * On an application's connection the deliveries pass here too: amqp-client's dispatch threads
 * only put them in, so a handler that blocks for back-pressure holds up its own listener alone.
 */
final class ListenerInbox {

	private final BlockingQueue<ListenerSignal> signals = new LinkedBlockingQueue<>();

	void put(ListenerSignal signal) {
		this.signals.add(signal);
	}

	/** The next signal, waiting for one. */
	ListenerSignal take() throws InterruptedException {
		return this.signals.take();
	}

	/**
	 * Waits out a back-off step while the listener has no channel: what arrives meanwhile belongs
	 * to the lost channel and is dropped, but a stop or close ends the wait.
	 * @param back when not null, asked every {@link BrokerProbe#INTERVAL_MILLIS} ms whether the
	 * broker is back, which ends the wait too
	 * @return the {@link Stopped} or {@link Closed} signal that ended the wait, or null
	 */
	@Nullable ListenerSignal awaitStop(Duration delay, @Nullable BooleanSupplier back) throws InterruptedException {
		long deadline = System.nanoTime() + delay.toNanos();
		long probeNanos = TimeUnit.MILLISECONDS.toNanos(BrokerProbe.INTERVAL_MILLIS);
		while (true) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			ListenerSignal signal = this.signals.poll((back != null) ? Math.min(left, probeNanos) : left,
					TimeUnit.NANOSECONDS);
			if (signal instanceof Stopped || signal instanceof Closed) {
				return signal;
			}
			if (signal == null && back != null && back.getAsBoolean()) {
				return null;
			}
		}
	}

	/**
	 * Takes out the deliveries not handed over yet and gives them back to their queues; a close
	 * signalled meanwhile stays.
	 */
	void giveBackDeliveries() {
		List<ListenerSignal> pending = new ArrayList<>();
		this.signals.drainTo(pending);
		for (ListenerSignal signal : pending) {
			if (signal instanceof Delivered delivered) {
				delivered.delivery().reject(true);
			}
			else if (signal instanceof Closed) {
				this.signals.add(signal);
			}
		}
	}

}
