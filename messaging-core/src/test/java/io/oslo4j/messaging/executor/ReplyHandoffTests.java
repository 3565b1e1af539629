package io.oslo4j.messaging.executor;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hand-off of outcomes to the reply scheduler: every outcome handed over is signalled once,
 * there, whichever threads hand them over and however many at once; once the scheduler is gone,
 * each is failed instead.
 */
class ReplyHandoffTests {

	private final Scheduler reply = Schedulers.newSingle("handoff-reply");

	private final Scheduler producers = Schedulers.newParallel("handoff-producer", 4);

	@AfterEach
	void dispose() {
		this.reply.dispose();
		this.producers.dispose();
	}

	@Test
	void everyOutcomeHandedOverFromManyThreadsIsSignalledOnceOnTheReplyScheduler() {
		ReplyHandoff handoff = new ReplyHandoff(this.reply);
		int outcomes = 40_000;
		AtomicInteger signalled = new AtomicInteger();
		Queue<String> elsewhere = new ConcurrentLinkedQueue<>();
		Flux.range(0, outcomes)
			.parallel(4)
			.runOn(this.producers)
			.subscribe((i) -> handoff.handOver(new Counted(signalled, elsewhere)));
		await().atMost(Duration.ofSeconds(30)).until(() -> signalled.get() == outcomes);
		assertThat(elsewhere).isEmpty();
	}

	@Test
	void outcomesHandedOverOnceTheReplySchedulerIsGoneAreFailed() {
		ReplyHandoff handoff = new ReplyHandoff(this.reply);
		this.reply.dispose();
		AtomicInteger rejected = new AtomicInteger();
		handoff.handOver(new ReplyHandoff.Outcome() {

			@Override
			public void signal() {
			}

			@Override
			public void rejected(RejectedExecutionException failure) {
				rejected.incrementAndGet();
			}

		});
		assertThat(rejected).hasValue(1);
	}

	/** Counts its signal, and notes a signal on any thread but the reply scheduler's. */
	private record Counted(AtomicInteger signalled, Queue<String> elsewhere) implements ReplyHandoff.Outcome {

		@Override
		public void signal() {
			String thread = Thread.currentThread().getName();
			if (!thread.startsWith("handoff-reply")) {
				this.elsewhere.add(thread);
			}
			this.signalled.incrementAndGet();
		}

		@Override
		public void rejected(RejectedExecutionException failure) {
			this.elsewhere.add("rejected: " + failure);
		}

	}

}
