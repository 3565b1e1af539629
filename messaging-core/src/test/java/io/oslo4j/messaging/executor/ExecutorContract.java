package io.oslo4j.messaging.executor;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The executor contract, written once and run for every kind as reactor-core's
 * {@code AbstractSchedulerTest} is: executors are called directly through
 * {@link MessagingExecutor#execute(Invocation)}, with a worker pool and a reply scheduler of the
 * test's own, so that the test sees which thread ran what and how many workers were held at once.
 * What a kind can do is told by its capability flags.
 */
abstract class ExecutorContract {

	static final int WORKERS = 2;

	private static final Duration AWAIT = Duration.ofSeconds(10);

	private final AtomicInteger workerThreads = new AtomicInteger();

	protected final ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(), (task) -> new Thread(task, "contract-worker-" + this.workerThreads.incrementAndGet()));

	private final AtomicInteger replyTasks = new AtomicInteger();

	protected final Scheduler reply = new Counting(Schedulers.newSingle("contract-reply"), this.replyTasks);

	protected MessagingExecutor executor;

	/** The kind under test. */
	abstract ExecutorKind kind();

	/** Whether the kind runs methods that return a plain value (on a worker). */
	abstract boolean runsBlockingMethods();

	/** Whether an asynchronous method holds no worker while it waits. */
	abstract boolean reactiveMethodsHoldNoWorker();

	@BeforeEach
	void createExecutor() {
		this.executor = MessagingExecutors.builder(kind()).taskExecutor(this.workers::execute).replyScheduler(this.reply)
			.build();
	}

	@AfterEach
	void dispose() {
		this.executor.disposeGracefully().block(AWAIT);
		this.workers.shutdownNow();
		this.reply.dispose();
	}

	@Test
	void executeRunsNothingUntilSubscribedAndNeverOnTheCallingThread() {
		Recorded invocation = new Recorded(true, () -> Mono.just("done"));
		Mono<String> outcome = this.executor.execute(invocation);
		assertThat(invocation.threads).as("nothing runs before the subscription").isEmpty();
		StepVerifier.create(outcome).expectNext("done").verifyComplete();
		assertThat(invocation.threads).singleElement().isNotEqualTo(Thread.currentThread().getName());
	}

	@Test
	void anAsynchronousOutcomeIsSignalledOnTheReplyScheduler() {
		assertOutcomeOnReplyScheduler(new Recorded(true, () -> Mono.delay(Duration.ofMillis(1)).thenReturn("done")));
	}

	@Test
	void aSynchronousOutcomeIsSignalledOnTheReplyScheduler() {
		assumeThat(runsBlockingMethods()).as("runs blocking methods").isTrue();
		assertOutcomeOnReplyScheduler(new Recorded(false, () -> Mono.just("done")));
	}

	@Test
	void aFailureIsSignalledOnTheReplyScheduler() {
		Queue<String> signalled = new ConcurrentLinkedQueue<>();
		Recorded invocation = new Recorded(true, () -> Mono.error(new IllegalStateException("boom")));
		StepVerifier.create(this.executor.execute(invocation)
			.doOnError((ex) -> signalled.add(Thread.currentThread().getName())))
			.verifyErrorMessage("boom");
		assertThat(signalled).singleElement().asString().startsWith("contract-reply");
	}

	@Test
	void aSynchronousMethodRunsOnAWorkerAndTakesTheBlockingLane() {
		assumeThat(runsBlockingMethods()).as("runs blocking methods").isTrue();
		Recorded invocation = new Recorded(false, () -> Mono.just("done"));
		assertThat(this.executor.lane(invocation)).isEqualTo(Lane.BLOCKING);
		StepVerifier.create(this.executor.execute(invocation)).expectNext("done").verifyComplete();
		assertThat(invocation.threads).singleElement().asString().startsWith("contract-worker-");
	}

	@Test
	void anAsynchronousMethodRunsWhereItsLaneSays() {
		Recorded invocation = new Recorded(true, () -> Mono.just("done"));
		Lane lane = this.executor.lane(invocation);
		StepVerifier.create(this.executor.execute(invocation)).expectNext("done").verifyComplete();
		if (reactiveMethodsHoldNoWorker()) {
			assertThat(lane).isEqualTo(Lane.REACTIVE);
			assertThat(invocation.threads).singleElement().asString().startsWith("oslo4j-greenio-");
		}
		else {
			assertThat(lane).isEqualTo(Lane.BLOCKING);
			assertThat(invocation.threads).singleElement().asString().startsWith("contract-worker-");
		}
	}

	@Test
	void theLanesAreThoseOfTheCapabilities() {
		assertThat(this.executor.lane(false)).isEqualTo(runsBlockingMethods() ? Lane.BLOCKING : Lane.REACTIVE);
		assertThat(this.executor.lane(true)).isEqualTo(reactiveMethodsHoldNoWorker() ? Lane.REACTIVE : Lane.BLOCKING);
	}

	@Test
	void waitingAsynchronousMethodsHoldAsManyWorkersAsTheirLaneSays() {
		int calls = 3 * WORKERS;
		Sinks.Empty<Void> gate = Sinks.empty();
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		List<Recorded> invocations = Flux.range(0, calls)
			.map((i) -> new Recorded(true, () -> {
				mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
				return gate.asMono().then(Mono.fromCallable(() -> {
					inside.decrementAndGet();
					return "done";
				}));
			}))
			.collectList()
			.block();
		Mono<List<String>> outcomes = Flux.fromIterable(invocations)
			.flatMap(this.executor::execute, calls)
			.collectList()
			.cache();
		outcomes.subscribe();
		int running = reactiveMethodsHoldNoWorker() ? calls : WORKERS;
		await().atMost(AWAIT).until(() -> inside.get() == running);
		// every call that can run is waiting at the gate: what holds a worker now is all that will
		assertThat(this.workers.getActiveCount()).isEqualTo(reactiveMethodsHoldNoWorker() ? 0 : WORKERS);
		gate.tryEmitEmpty();
		assertThat(outcomes.block(AWAIT)).hasSize(calls);
		assertThat(mostInside).hasValue(running);
	}

	@Test
	void outcomesQueuedWhileTheReplySchedulerIsBusyAreSignalledByOneOfItsTasks() {
		assumeThat(runsBlockingMethods()).as("runs blocking methods").isTrue();
		int calls = 5;
		CountDownLatch busy = new CountDownLatch(1);
		// a latch, not block(): Reactor refuses to block on its single scheduler's thread
		this.reply.schedule(() -> awaitQuietly(busy));
		int before = this.replyTasks.get();
		Queue<String> signalled = new ConcurrentLinkedQueue<>();
		Mono<List<String>> outcomes = Flux.range(0, calls)
			.flatMap((i) -> this.executor.execute(new Recorded(false, () -> Mono.just("done"))), calls)
			.doOnNext((value) -> signalled.add(Thread.currentThread().getName()))
			.collectList()
			.cache();
		outcomes.subscribe();
		// every call has run and handed its outcome over, behind the busy task
		await().atMost(AWAIT).until(() -> this.workers.getCompletedTaskCount() == calls);
		busy.countDown();
		assertThat(outcomes.block(AWAIT)).hasSize(calls);
		assertThat(signalled).hasSize(calls).allSatisfy((thread) -> assertThat(thread).startsWith("contract-reply"));
		assertThat(this.replyTasks.get() - before).as("tasks given to the reply scheduler").isEqualTo(1);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void assertOutcomeOnReplyScheduler(Recorded invocation) {
		Queue<String> signalled = new ConcurrentLinkedQueue<>();
		StepVerifier.create(this.executor.execute(invocation)
			.doOnNext((value) -> signalled.add(Thread.currentThread().getName())))
			.expectNext("done")
			.verifyComplete();
		assertThat(signalled).singleElement().asString().startsWith("contract-reply");
	}

	/** An invocation that records the threads it runs on. */
	static final class Recorded implements Invocation<String> {

		final Queue<String> threads = new ConcurrentLinkedQueue<>();

		private final boolean asynchronous;

		private final Supplier<Mono<String>> body;

		Recorded(boolean asynchronous, Supplier<Mono<String>> body) {
			this.asynchronous = asynchronous;
			this.body = body;
		}

		@Override
		public boolean asynchronous() {
			return this.asynchronous;
		}

		@Override
		public Mono<String> invoke() {
			return Mono.defer(() -> {
				this.threads.add(Thread.currentThread().getName());
				return this.body.get();
			});
		}

		@Override
		public String description() {
			return "Recorded.invoke";
		}

	}

	/** A scheduler that counts the tasks it is given directly, around a real one. */
	static final class Counting implements Scheduler {

		private final Scheduler delegate;

		private final AtomicInteger tasks;

		Counting(Scheduler delegate, AtomicInteger tasks) {
			this.delegate = delegate;
			this.tasks = tasks;
		}

		@Override
		public Disposable schedule(Runnable task) {
			this.tasks.incrementAndGet();
			return this.delegate.schedule(task);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			return this.delegate.schedule(task, delay, unit);
		}

		@Override
		public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
			return this.delegate.schedulePeriodically(task, initialDelay, period, unit);
		}

		@Override
		public Worker createWorker() {
			return this.delegate.createWorker();
		}

		@Override
		public void dispose() {
			this.delegate.dispose();
		}

		@Override
		public boolean isDisposed() {
			return this.delegate.isDisposed();
		}

	}

}
