package io.oslo4j.messaging.concurrent;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The serial hand-off: every item handed over is signalled once, by a task on the executor, which
 * signals all that are queued by the time it runs (at most a batch); another thread may take what
 * is queued while the task is held up; once the executor refuses, items are rejected instead.
 */
class SerialHandoffTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ExecutorService single = Executors.newSingleThreadExecutor((task) -> new Thread(task, "handoff-serial"));

	private final Scheduler producers = Schedulers.newParallel("handoff-producer", 4);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void dispose() {
		this.release.countDown();
		this.single.shutdownNow();
		this.producers.dispose();
	}

	@Test
	void everyItemHandedOverFromManyThreadsIsSignalledOnceOnTheExecutor() {
		Recorder recorder = new Recorder();
		SerialHandoff<Integer> handoff = new SerialHandoff<>(this.single, 32, recorder);
		int items = 40_000;
		Flux.range(0, items).parallel(4).runOn(this.producers).subscribe(handoff::handOver);
		await().atMost(WAIT).until(() -> recorder.signalled.size() == items);
		assertThat(recorder.signalled).doesNotHaveDuplicates();
		assertThat(recorder.threads).containsOnly("handoff-serial");
	}

	@Test
	void itemsHandedOverWhileATaskRunsAreSignalledByThatTask() {
		CountingExecutor executor = new CountingExecutor(this.single);
		Recorder recorder = new Recorder(this.release);
		SerialHandoff<Integer> handoff = new SerialHandoff<>(executor, Integer.MAX_VALUE, recorder);
		assertThat(handoff.handOver(0)).isTrue();
		await().atMost(WAIT).until(() -> recorder.holding.getCount() == 0);
		for (int i = 1; i < 10; i++) {
			assertThat(handoff.handOver(i)).isFalse();
		}
		this.release.countDown();
		await().atMost(WAIT).until(() -> recorder.signalled.size() == 10);
		assertThat(executor.tasks).hasValue(1);
	}

	@Test
	void itemsHandedOverTogetherQueueOneTask() {
		CountingExecutor executor = new CountingExecutor(this.single);
		Recorder recorder = new Recorder();
		SerialHandoff<Integer> handoff = new SerialHandoff<>(executor, Integer.MAX_VALUE, recorder);
		handoff.handOverAll(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
		handoff.handOverAll(List.of());
		await().atMost(WAIT).until(() -> recorder.signalled.size() == 10);
		assertThat(executor.tasks).hasValue(1);
		assertThat(recorder.signalled).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
	}

	@Test
	void aTaskSignalsAtMostABatchThenQueuesTheNextForTheRest() {
		CountingExecutor executor = new CountingExecutor(this.single);
		Recorder recorder = new Recorder(this.release);
		SerialHandoff<Integer> handoff = new SerialHandoff<>(executor, 4, recorder);
		handoff.handOver(0);
		await().atMost(WAIT).until(() -> recorder.holding.getCount() == 0);
		for (int i = 1; i < 10; i++) {
			handoff.handOver(i);
		}
		this.release.countDown();
		await().atMost(WAIT).until(() -> recorder.signalled.size() == 10);
		// 0-3, then 4-7, then 8-9
		assertThat(executor.tasks).hasValue(3);
	}

	@Test
	void anotherThreadTakesWhatIsQueuedWhileTheTaskIsHeldUpSoNoOrderIsPromised() {
		Recorder recorder = new Recorder(this.release);
		SerialHandoff<Integer> handoff = new SerialHandoff<>(this.single, Integer.MAX_VALUE, recorder);
		handoff.handOver(0);
		await().atMost(WAIT).until(() -> recorder.holding.getCount() == 0);
		handoff.handOver(1);
		handoff.handOver(2);
		handoff.handOver(3);
		Queue<Integer> taken = new ConcurrentLinkedQueue<>();

		assertThat(handoff.drainHere(taken::add)).isEqualTo(3);
		assertThat(taken).containsExactly(1, 2, 3);
		assertThat(handoff.isEmpty()).isTrue();

		this.release.countDown();
		handoff.handOver(4);
		await().atMost(WAIT).until(() -> recorder.signalled.size() == 2);
		assertThat(recorder.signalled).containsExactly(0, 4);
	}

	@Test
	void aFailingSignalDoesNotStopTheOthers() {
		Queue<Integer> signalled = new ConcurrentLinkedQueue<>();
		SerialHandoff<Integer> handoff = new SerialHandoff<>(this.single, 32, new SerialHandoff.Signal<>() {

			@Override
			public void signal(Integer item) {
				if (item == 0) {
					throw new IllegalStateException("boom");
				}
				signalled.add(item);
			}

			@Override
			public void rejected(Integer item, RejectedExecutionException failure) {
			}

		});
		for (int i = 0; i < 5; i++) {
			handoff.handOver(i);
		}
		await().atMost(WAIT).until(() -> signalled.size() == 4);
	}

	@Test
	void itemsHandedOverOnceTheExecutorRefusesAreRejectedOnTheHandingThread() throws InterruptedException {
		this.single.shutdown();
		assertThat(this.single.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		Recorder recorder = new Recorder();
		SerialHandoff<Integer> handoff = new SerialHandoff<>(this.single, 32, recorder);
		handoff.handOver(1);
		handoff.handOver(2);
		assertThat(recorder.signalled).isEmpty();
		assertThat(recorder.rejected).containsExactly(1, 2);
		assertThat(recorder.threads).containsOnly(Thread.currentThread().getName());
	}

	@Test
	void aBatchIsAtLeastOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SerialHandoff<>(this.single, 0, new Recorder()));
	}

	/** Records signals and rejections with their threads; the first signal may wait for a latch. */
	private static final class Recorder implements SerialHandoff.Signal<Integer> {

		final Queue<Integer> signalled = new ConcurrentLinkedQueue<>();

		final Queue<Integer> rejected = new ConcurrentLinkedQueue<>();

		final Queue<String> threads = new ConcurrentLinkedQueue<>();

		/** Counted down when the first signal starts waiting. */
		final CountDownLatch holding = new CountDownLatch(1);

		private final CountDownLatch release;

		private final AtomicInteger calls = new AtomicInteger();

		Recorder() {
			this(new CountDownLatch(0));
		}

		Recorder(CountDownLatch release) {
			this.release = release;
		}

		@Override
		public void signal(Integer item) {
			this.threads.add(Thread.currentThread().getName());
			if (this.calls.getAndIncrement() == 0) {
				this.holding.countDown();
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.signalled.add(item);
		}

		@Override
		public void rejected(Integer item, RejectedExecutionException failure) {
			this.threads.add(Thread.currentThread().getName());
			this.rejected.add(item);
		}

	}

	/** Counts the tasks it is given. */
	private static final class CountingExecutor implements Executor {

		final AtomicInteger tasks = new AtomicInteger();

		private final Executor delegate;

		CountingExecutor(Executor delegate) {
			this.delegate = delegate;
		}

		@Override
		public void execute(Runnable task) {
			this.tasks.incrementAndGet();
			this.delegate.execute(task);
		}

	}

}
