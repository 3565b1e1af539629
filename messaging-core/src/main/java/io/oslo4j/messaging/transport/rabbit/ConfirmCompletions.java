package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.oslo4j.messaging.concurrent.SerialHandoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where a driver's publisher confirms tell the publishers their outcome: off amqp-client's connection
 * thread, which must never block nor issue a synchronous AMQP method, without a
 * {@code boundedElastic} task for each {@code basic.ack}. Completions queue here and one thread of
 * the driver's own ({@code oslo4j-rabbit-confirms-N}, daemon) runs every completion queued by the
 * time it wakes ({@link SerialHandoff}), and parks only when none is left; the publishes of one
 * {@code multiple} acknowledgement are handed over together ({@link #executeAll}), one wake-up for
 * all of them. No order is promised between completions. With one call at a time each confirm
 * still finds the thread parked and wakes it, as it woke a {@code boundedElastic} worker before.
 *
 * <p>What runs in a completion is the publisher's outcome ({@code PublishOutcome}: a
 * {@code MonoSink} and whatever follows it downstream, or, for a call's request written at once,
 * the waiting call itself): for a call's request, a reply or the drain of a stopping server,
 * oslo4j's own short code; for a cast or a notification, the application's code, which may block.
 * The trade: one thread serves every completion of the driver, so a completion that blocks holds
 * the others up, but only for a bound. A watchdog on Reactor's {@code parallel} scheduler looks every
 * {@link #DEFAULT_STALL} (50 ms) while completions wait behind another one (it is armed by a
 * hand-over that joins a drain already queued or running, so never with one call at a time);
 * when the thread is inside the completion it was inside at the last look (so for at least that
 * long), it counts as stalled: what is queued, and every completion handed over until the thread
 * is done with that one, runs on {@code boundedElastic} instead, a task for each hand-over, as
 * before. A blocked completion therefore delays the completions queued behind it by one to two
 * bounds, never for as long as it blocks; a completion slower than usual but shorter than the
 * bound delays those behind it by its own time.
 *
 * <p>One thread per driver rather than one per process: a thread shared by a client's and a
 * server's driver in one JVM parked more per call and served both directions one after the other
 * (docs/benchmarks.md). {@link #close()} (the driver's close) lets the thread run what is queued
 * and end; the thread also ends after a minute without completions and starts again with the next
 * one. Completions handed over after the close run on {@code boundedElastic}, as before.
 */
final class ConfirmCompletions implements Executor, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ConfirmCompletions.class);

	/** How long the thread may stay inside one completion before the others go to {@code boundedElastic}. */
	static final Duration DEFAULT_STALL = Duration.ofMillis(50);

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final ThreadPoolExecutor thread;

	private final SerialHandoff<Runnable> handoff;

	private final long stallMillis;

	private final Supplier<Scheduler> watchdog;

	private final Supplier<Scheduler> fallback;

	/** Completions started plus completions ended on the thread: odd while it is inside one. */
	private final AtomicLong progress = new AtomicLong();

	/** {@link #progress} at the watchdog's last look; read and written by the one armed look only. */
	private long lookedAt;

	private final AtomicBoolean armed = new AtomicBoolean();

	private volatile boolean stalled;

	private final Runnable rescue;

	ConfirmCompletions() {
		this(DEFAULT_STALL, Schedulers::parallel, Schedulers::boundedElastic);
	}

	/**
	 * @param stall how long the thread may stay inside one completion before the others go to the fallback
	 * @param watchdog where the watchdog looks from
	 * @param fallback where completions run while the thread is stalled, and after the close
	 */
	ConfirmCompletions(Duration stall, Supplier<Scheduler> watchdog, Supplier<Scheduler> fallback) {
		this.stallMillis = Math.max(1, stall.toMillis());
		this.watchdog = watchdog;
		this.fallback = fallback;
		this.thread = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				new ConfirmThreads());
		this.thread.allowCoreThreadTimeOut(true);
		this.handoff = new SerialHandoff<>(this.thread, Integer.MAX_VALUE, new SerialHandoff.Signal<>() {

			@Override
			public void signal(Runnable completion) {
				complete(completion);
			}

			@Override
			public void rejected(Runnable completion, RejectedExecutionException failure) {
				runElsewhere(completion);
			}

		});
		this.rescue = () -> this.handoff.drainHere(Runnable::run);
	}

	/** Queues a completion; it runs on the confirms thread, or on {@code boundedElastic} while that is stalled. */
	@Override
	public void execute(Runnable completion) {
		watch(!this.handoff.handOver(completion));
	}

	/**
	 * After a hand-over: a rescue while the thread is stalled; and the watchdog armed when what was
	 * handed over may wait behind another completion (it joined a drain already queued or running,
	 * or came with others). A completion that finds the thread idle runs first, so an idle driver,
	 * and one call at a time, never wake the watchdog.
	 */
	private void watch(boolean mayWait) {
		if (this.stalled) {
			runElsewhere(this.rescue);
		}
		if (mayWait && !this.armed.get() && this.armed.compareAndSet(false, true)) {
			watchLater();
		}
	}

	/**
	 * Queues several completions at once (those of one {@code multiple} acknowledgement): one
	 * wake-up of the thread for all of them, each still run on its own, so that one that blocks
	 * holds up the others only as long as any completion does.
	 */
	void executeAll(Collection<? extends Runnable> completions) {
		if (!completions.isEmpty()) {
			watch(!this.handoff.handOverAll(completions) || completions.size() > 1);
		}
	}

	/** Lets the thread run what is queued and end; later completions run on {@code boundedElastic}. */
	@Override
	public void close() {
		this.thread.shutdown();
	}

	/** Whether the thread has ended after {@link #close()}; for tests. */
	boolean isTerminated() {
		return this.thread.isTerminated();
	}

	/** On the thread: one completion, counted for the watchdog. */
	private void complete(Runnable completion) {
		this.progress.lazySet(this.progress.get() + 1);
		try {
			completion.run();
		}
		finally {
			this.progress.lazySet(this.progress.get() + 1);
			if (this.stalled) {
				this.stalled = false;
			}
		}
	}

	private void runElsewhere(Runnable task) {
		try {
			this.fallback.get().schedule(task);
		}
		catch (RejectedExecutionException ex) {
			// the fallback is gone too (Schedulers.shutdownNow): run it here rather than never
			logger.debug("No scheduler for a publisher-confirm completion; completing it on the calling thread");
			task.run();
		}
	}

	private void watchLater() {
		try {
			this.watchdog.get().schedule(this::look, this.stallMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			this.armed.set(false);
		}
	}

	/**
	 * The watchdog's look: stalled when the thread is inside the completion it was inside at the
	 * last look; the next look comes while completions are queued or one is running, and otherwise
	 * a hand-over that may wait arms it again.
	 */
	private void look() {
		long now = this.progress.get();
		boolean inside = (now & 1) != 0;
		boolean stuck = inside && now == this.lookedAt;
		this.lookedAt = now;
		this.stalled = stuck;
		if (stuck && !this.handoff.isEmpty()) {
			runElsewhere(this.rescue);
		}
		if (inside || !this.handoff.isEmpty()) {
			watchLater();
			return;
		}
		this.armed.set(false);
		// a hand-over that saw the watchdog armed just before: look after it too
		if (!this.handoff.isEmpty() && this.armed.compareAndSet(false, true)) {
			watchLater();
		}
	}

	private static final class ConfirmThreads implements ThreadFactory {

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "oslo4j-rabbit-confirms-" + THREADS.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
