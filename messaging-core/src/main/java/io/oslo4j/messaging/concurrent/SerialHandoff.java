package io.oslo4j.messaging.concurrent;

import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands items over from any thread to one task at a time on an {@link Executor}, which signals
 * every item queued by the time it runs: under load one task (one wake-up of the executor's
 * thread) serves many items, and an idle hand-off runs one task per item. A task signals at most
 * {@code batch} items, then gives its thread back and queues the next task for the rest. The drain
 * follows Reactor's queue-drain pattern: the items queue here, and a counter of hand-overs not yet
 * seen by a task says whether a task must be queued.
 *
 * <p>Items are signalled one after the other by the task; {@link #drainHere} lets another thread
 * take what is queued alongside it (a rescue, when the task is held up), so no order is
 * promised. When the executor refuses a task (it was shut down), every item queued is handed to
 * {@link Signal#rejected} instead, on the thread that handed the last one over, as Reactor's
 * {@code publishOn} does.
 *
 * <p>Used for the outcomes waiting for the reply scheduler ({@code executor/ReplyHandoff}) and for
 * publisher-confirm completions ({@code transport/rabbit/ConfirmCompletions}).
 *
 * @param <T> the items
 */
public final class SerialHandoff<T> {

	private static final Logger logger = LoggerFactory.getLogger(SerialHandoff.class);

	private final Executor executor;

	private final int batch;

	private final Signal<T> signal;

	private final Queue<T> queued = new ConcurrentLinkedQueue<>();

	/** Hand-overs not yet seen by a task; a task is queued or running while it is above zero. */
	private final AtomicInteger missed = new AtomicInteger();

	private final Runnable drain = () -> drain(null);

	/**
	 * @param executor where the draining tasks run, one at a time
	 * @param batch how many items a task signals at most before it queues the next task
	 * @param signal what is done with each item
	 */
	public SerialHandoff(Executor executor, int batch, Signal<T> signal) {
		if (batch < 1) {
			throw new IllegalArgumentException("batch must be at least 1: " + batch);
		}
		this.executor = executor;
		this.batch = batch;
		this.signal = signal;
	}

	/**
	 * Queues an item, to be signalled by a task on the executor.
	 * @return whether this hand-over queued a task; false when it joined a task queued or running
	 */
	public boolean handOver(T item) {
		this.queued.offer(item);
		if (this.missed.getAndIncrement() == 0) {
			schedule();
			return true;
		}
		return false;
	}

	/**
	 * Queues several items at once, to be signalled by a task on the executor: at most one task is
	 * queued for all of them, however quickly the task signals the first.
	 * @return whether this hand-over queued a task; false when it joined a task queued or running,
	 * or there was nothing to hand over
	 */
	public boolean handOverAll(Collection<? extends T> items) {
		if (items.isEmpty()) {
			return false;
		}
		this.queued.addAll(items);
		if (this.missed.getAndIncrement() == 0) {
			schedule();
			return true;
		}
		return false;
	}

	/** Whether no item is queued right now (one may still be being signalled). */
	public boolean isEmpty() {
		return this.queued.isEmpty();
	}

	/**
	 * Takes the items queued right now and hands each to {@code action} on the calling thread,
	 * alongside the executor's task: for a caller that found the task held up. The task's
	 * bookkeeping is left alone; it signals what is left, if anything.
	 * @return how many items this call took
	 */
	public int drainHere(Consumer<? super T> action) {
		int taken = 0;
		T item;
		while ((item = this.queued.poll()) != null) {
			taken++;
			try {
				action.accept(item);
			}
			catch (RuntimeException ex) {
				logger.warn("Signalling a handed-over item failed", ex);
			}
		}
		return taken;
	}

	private void schedule() {
		try {
			this.executor.execute(this.drain);
		}
		catch (RejectedExecutionException ex) {
			drain(ex);
		}
	}

	/**
	 * Signals what is queued, or, once the executor has refused a task, rejects it. Every item
	 * counted in {@code missed} was queued before it was counted, so that emptying the queue and
	 * then taking off what was counted leaves nothing behind.
	 */
	private void drain(@Nullable RejectedExecutionException refused) {
		int seen = this.missed.get();
		int signalled = 0;
		for (;;) {
			T item;
			while ((item = this.queued.poll()) != null) {
				signal(item, refused);
				if (refused == null && ++signalled == this.batch) {
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

	private void signal(T item, @Nullable RejectedExecutionException refused) {
		try {
			if (refused != null) {
				this.signal.rejected(item, refused);
			}
			else {
				this.signal.signal(item);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Signalling a handed-over item failed", ex);
		}
	}

	/**
	 * What a hand-off does with its items.
	 *
	 * @param <T> the items
	 */
	public interface Signal<T> {

		/** Signals an item; on the executor's thread. */
		void signal(T item);

		/** The executor refused the task that was to signal the item; on the thread that handed an item over. */
		void rejected(T item, RejectedExecutionException failure);

	}

}
