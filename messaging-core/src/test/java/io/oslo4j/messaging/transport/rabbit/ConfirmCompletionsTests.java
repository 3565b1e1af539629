package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publisher-confirm completions: on a thread of the driver's own, never the caller's; a
 * completion that blocks holds the others up only until the watchdog sends them to
 * {@code boundedElastic}; closing lets the thread end, and what comes later still runs.
 */
class ConfirmCompletionsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ConfirmCompletions completions = new ConfirmCompletions(Duration.ofMillis(10), Schedulers::parallel,
			Schedulers::boundedElastic);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void close() {
		this.release.countDown();
		this.completions.close();
	}

	@Test
	void completionsRunOnTheConfirmsThreadNeverTheCallers() {
		Queue<String> threads = new ConcurrentLinkedQueue<>();
		for (int i = 0; i < 100; i++) {
			this.completions.execute(() -> threads.add(Thread.currentThread().getName()));
		}
		await().atMost(WAIT).until(() -> threads.size() == 100);
		assertThat(threads).allSatisfy((thread) -> assertThat(thread).startsWith("oslo4j-rabbit-confirms-"));
		assertThat(threads).doesNotContain(Thread.currentThread().getName());
	}

	@Test
	void oneBlockedCompletionDoesNotStopTheOthers() {
		CountDownLatch blocking = new CountDownLatch(1);
		AtomicReference<String> blockedOn = new AtomicReference<>();
		this.completions.execute(() -> {
			blockedOn.set(Thread.currentThread().getName());
			blocking.countDown();
			awaitQuietly(this.release);
		});
		await().atMost(WAIT).until(() -> blocking.getCount() == 0);

		// queued behind the blocked one, and nothing handed over after them
		CountDownLatch others = new CountDownLatch(100);
		for (int i = 0; i < 100; i++) {
			this.completions.execute(others::countDown);
		}
		await().atMost(WAIT).until(() -> others.getCount() == 0);

		// and handed over while it is still blocked
		CountDownLatch later = new CountDownLatch(1);
		this.completions.execute(later::countDown);
		await().atMost(WAIT).until(() -> later.getCount() == 0);

		assertThat(blockedOn.get()).startsWith("oslo4j-rabbit-confirms-");
		this.release.countDown();
	}

	@Test
	void aBlockedCompletionDoesNotHoldUpTheOthersOfItsAcknowledgement() {
		CountDownLatch blocking = new CountDownLatch(1);
		CountDownLatch others = new CountDownLatch(10);
		List<Runnable> acknowledged = new ArrayList<>();
		acknowledged.add(() -> {
			blocking.countDown();
			awaitQuietly(this.release);
		});
		for (int i = 0; i < 10; i++) {
			acknowledged.add(others::countDown);
		}
		this.completions.executeAll(acknowledged);
		await().atMost(WAIT).until(() -> blocking.getCount() == 0);
		await().atMost(WAIT).until(() -> others.getCount() == 0);
		this.release.countDown();
	}

	@Test
	void onceTheBlockedCompletionReturnsTheThreadServesTheOthersAgain() {
		CountDownLatch blocking = new CountDownLatch(1);
		this.completions.execute(() -> {
			blocking.countDown();
			awaitQuietly(this.release);
		});
		await().atMost(WAIT).until(() -> blocking.getCount() == 0);
		CountDownLatch rescued = new CountDownLatch(1);
		this.completions.execute(rescued::countDown);
		await().atMost(WAIT).until(() -> rescued.getCount() == 0);

		this.release.countDown();
		await().atMost(WAIT).until(() -> {
			AtomicReference<String> thread = new AtomicReference<>();
			CountDownLatch done = new CountDownLatch(1);
			this.completions.execute(() -> {
				thread.set(Thread.currentThread().getName());
				done.countDown();
			});
			awaitQuietly(done);
			return thread.get().startsWith("oslo4j-rabbit-confirms-");
		});
	}

	@Test
	void closingLetsWhatIsQueuedRunAndEndsTheThread() {
		CountDownLatch blocking = new CountDownLatch(1);
		this.completions.execute(() -> {
			blocking.countDown();
			awaitQuietly(this.release);
		});
		await().atMost(WAIT).until(() -> blocking.getCount() == 0);
		CountDownLatch queued = new CountDownLatch(10);
		for (int i = 0; i < 10; i++) {
			this.completions.execute(queued::countDown);
		}
		this.completions.close();
		this.release.countDown();

		await().atMost(WAIT).until(() -> queued.getCount() == 0);
		await().atMost(WAIT).until(this.completions::isTerminated);
	}

	@Test
	void completionsHandedOverAfterTheCloseStillRunOffTheCallersThread() {
		this.completions.close();
		await().atMost(WAIT).until(this.completions::isTerminated);
		Queue<String> threads = new ConcurrentLinkedQueue<>();
		for (int i = 0; i < 10; i++) {
			this.completions.execute(() -> threads.add(Thread.currentThread().getName()));
		}
		await().atMost(WAIT).until(() -> threads.size() == 10);
		assertThat(threads).allSatisfy((thread) -> assertThat(thread).startsWith("boundedElastic-"));
	}

	@Test
	void manyClosedInstancesLeaveNoThreadBehind() {
		List<ConfirmCompletions> many = new ArrayList<>();
		CountDownLatch ran = new CountDownLatch(50);
		for (int i = 0; i < 50; i++) {
			ConfirmCompletions each = new ConfirmCompletions();
			each.execute(ran::countDown);
			many.add(each);
		}
		await().atMost(WAIT).until(() -> ran.getCount() == 0);
		many.forEach(ConfirmCompletions::close);
		await().atMost(WAIT).until(() -> many.stream().allMatch(ConfirmCompletions::isTerminated));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
