package io.oslo4j.messaging.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Gathers notifications into batches: a batch is handed on when it holds {@code size}
 * notifications or {@code timeout} after its first one arrived, whichever comes first. A full
 * batch is handed on by the thread that filled it (the transport's consumer thread); a timed-out
 * one by the collector's own timer thread, so either may wait for room without blocking any
 * other work. After {@link #flush()} every notification is handed on at once.
 *
 * @param <T> what is collected
 */
final class BatchCollector<T> {

	private final int size;

	private final Duration timeout;

	private final Consumer<List<T>> sink;

	private final Scheduler timer = Schedulers.newSingle("oslo4j-notify-batch", true);

	private List<T> current = new ArrayList<>();

	private long generation;

	private boolean flushing;

	BatchCollector(int size, Duration timeout, Consumer<List<T>> sink) {
		this.size = size;
		this.timeout = timeout;
		this.sink = sink;
	}

	void add(T item) {
		List<T> due = null;
		synchronized (this) {
			this.current.add(item);
			if (this.flushing || this.current.size() >= this.size) {
				due = take();
			}
			else if (this.current.size() == 1) {
				long batch = this.generation;
				this.timer.schedule(() -> timedOut(batch), this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
		}
		if (due != null) {
			this.sink.accept(due);
		}
	}

	/** Hands on what has been collected, on the timer thread, and everything added from now on at once. */
	void flush() {
		synchronized (this) {
			this.flushing = true;
		}
		this.timer.schedule(() -> timedOut(-1));
	}

	/** Stops the timer thread. */
	void dispose() {
		this.timer.dispose();
	}

	private void timedOut(long batch) {
		List<T> due;
		synchronized (this) {
			if ((batch != -1 && batch != this.generation) || this.current.isEmpty()) {
				return;
			}
			due = take();
		}
		this.sink.accept(due);
	}

	private List<T> take() {
		List<T> due = this.current;
		this.current = new ArrayList<>();
		// a timeout still scheduled for the batch taken finds another generation and does nothing
		this.generation++;
		return due;
	}

}
