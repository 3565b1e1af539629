package io.oslo4j.messaging.executor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.core.task.TaskExecutor;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Creates {@link MessagingExecutor}s.
 *
 * <p>What the builder is not given, it creates and owns, named so that a thread dump shows who is
 * who: a task executor of {@value #DEFAULT_POOL_SIZE} workers ({@code oslo4j-worker-N}, oslo's
 * {@code executor_thread_pool_size}), a reactive scheduler of one thread per core
 * ({@code oslo4j-greenio-N}) and a reply scheduler ({@code oslo4j-reply-N}). A {@code reactive}
 * executor has no task executor at all.
 *
 * @since 0.1
 */
public final class MessagingExecutors {

	/** Workers of the default task executor, as oslo's {@code executor_thread_pool_size}. */
	public static final int DEFAULT_POOL_SIZE = 64;

	/**
	 * How long a method may hold a greenio thread before a warning names it, as asyncio's
	 * {@code slow_callback_duration}.
	 * @since 0.2
	 */
	public static final Duration DEFAULT_SLOW_CALLBACK_THRESHOLD = Duration.ofMillis(100);

	private MessagingExecutors() {
	}

	/** An executor of the given kind that owns all its threads. */
	public static MessagingExecutor create(ExecutorKind kind) {
		return builder(kind).build();
	}

	public static Builder builder(ExecutorKind kind) {
		return new Builder(kind);
	}

	/** Builds a {@link MessagingExecutor}; every setting is optional. */
	public static final class Builder {

		private final ExecutorKind kind;

		private @Nullable TaskExecutor taskExecutor;

		private @Nullable Scheduler reactiveScheduler;

		private @Nullable Scheduler replyScheduler;

		private int poolSize = DEFAULT_POOL_SIZE;

		private Duration slowCallbackThreshold = DEFAULT_SLOW_CALLBACK_THRESHOLD;

		private BlockingDetection blockingDetection = BlockingDetection.OFF;

		private Builder(ExecutorKind kind) {
			this.kind = kind;
		}

		/** The executor for endpoint methods (not owned: the caller shuts it down); unused by {@code reactive}. */
		public Builder taskExecutor(TaskExecutor taskExecutor) {
			this.taskExecutor = taskExecutor;
			return this;
		}

		/** Workers of the task executor created when none is given. */
		public Builder poolSize(int poolSize) {
			if (poolSize < 1) {
				throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
			}
			this.poolSize = poolSize;
			return this;
		}

		/** The scheduler for asynchronous methods under {@code greenio} (not owned). */
		public Builder reactiveScheduler(Scheduler reactiveScheduler) {
			this.reactiveScheduler = reactiveScheduler;
			return this;
		}

		/** The scheduler that publishes replies (not owned). */
		public Builder replyScheduler(Scheduler replyScheduler) {
			this.replyScheduler = replyScheduler;
			return this;
		}

		/**
		 * How long an asynchronous method may hold a greenio thread (its call, and what its
		 * {@code Mono} does when subscribed) before a WARN names it; default
		 * {@link #DEFAULT_SLOW_CALLBACK_THRESHOLD}. Always on; a greenio matter only.
		 * @since 0.2
		 */
		public Builder slowCallbackThreshold(Duration threshold) {
			if (threshold.isNegative()) {
				throw new IllegalArgumentException("slowCallbackThreshold must not be negative, was " + threshold);
			}
			this.slowCallbackThreshold = threshold;
			return this;
		}

		/**
		 * Whether blocking calls that asynchronous methods make on greenio threads are reported, or
		 * fail the method; {@link BlockingDetection#OFF} by default. Anything but off installs
		 * BlockHound, once per JVM, when a greenio executor is built.
		 * @since 0.2
		 */
		public Builder blockingDetection(BlockingDetection detection) {
			this.blockingDetection = detection;
			return this;
		}

		/**
		 * Builds the executor.
		 * @throws IllegalStateException when blocking-call detection is asked for and BlockHound is
		 * missing or cannot be installed
		 */
		public MessagingExecutor build() {
			if (this.kind != ExecutorKind.EVENTLET && this.blockingDetection != BlockingDetection.OFF) {
				BlockingCallDetector.install();
			}
			List<Scheduler> owned = new ArrayList<>();
			Scheduler reply = this.replyScheduler;
			if (reply == null) {
				reply = Schedulers.newBoundedElastic(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
						Integer.MAX_VALUE, "oslo4j-reply", 60, true);
				owned.add(reply);
			}
			// The end state of a migration, reactive, has no worker pool: a given task executor is not used.
			WorkerRunner workers = (this.kind != ExecutorKind.REACTIVE) ? workers(owned) : null;
			GreenioRunner greenio = (this.kind != ExecutorKind.EVENTLET) ? greenio(owned) : null;
			return new LaneExecutor(this.kind, workers, greenio, reply, owned);
		}

		private GreenioRunner greenio(List<Scheduler> owned) {
			Scheduler reactive = this.reactiveScheduler;
			if (reactive == null) {
				reactive = Schedulers.newParallel("oslo4j-greenio", Runtime.getRuntime().availableProcessors(), true);
				owned.add(reactive);
			}
			return new GreenioRunner(reactive, new HoldWatch(this.slowCallbackThreshold, this.blockingDetection));
		}

		private WorkerRunner workers(List<Scheduler> owned) {
			if (this.taskExecutor != null) {
				return new WorkerRunner(Schedulers.fromExecutor(this.taskExecutor));
			}
			Scheduler workers = Schedulers.fromExecutorService(newWorkerPool(this.poolSize), "oslo4j-worker");
			owned.add(workers);
			return new WorkerRunner(workers);
		}

		private static ThreadPoolExecutor newWorkerPool(int size) {
			AtomicInteger counter = new AtomicInteger();
			ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
					new LinkedBlockingQueue<>(), (runnable) -> {
						Thread thread = new Thread(runnable, "oslo4j-worker-" + counter.incrementAndGet());
						thread.setDaemon(true);
						return thread;
					});
			pool.allowCoreThreadTimeOut(true);
			return pool;
		}

	}

}
