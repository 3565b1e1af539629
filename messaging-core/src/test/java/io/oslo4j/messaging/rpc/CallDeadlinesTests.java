package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.wire.RpcReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadlines of waiting calls: calls whose deadlines end within one grain share one timer task,
 * each is timed out at the end of its slot, and a call that ended keeps nothing of its deadline.
 */
class CallDeadlinesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	private final VirtualTimeScheduler timer = VirtualTimeScheduler.create();

	private final AtomicInteger timerTasks = new AtomicInteger();

	private final CallDeadlines deadlines = new CallDeadlines(new CountingTimer());

	private final Map<String, PendingCall> pending = new ConcurrentHashMap<>();

	@AfterEach
	void disposeTimer() {
		this.timer.dispose();
	}

	@Test
	void callsWhoseDeadlinesEndWithinOneGrainShareOneTimerTask() {
		List<Mono<RpcReply>> calls = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			calls.add(call("call-" + i).cache());
		}
		calls.forEach(Mono::subscribe);
		// fifty calls within a few milliseconds: one slot, or two across a slot's boundary
		assertThat(this.timerTasks.get()).isBetween(1, 2);
		this.timer.advanceTimeBy(TIMEOUT.plus(CallDeadlines.GRAIN));
		calls.forEach((call) -> StepVerifier.create(call).expectError(MessagingTimeoutException.class).verify());
		assertThat(this.pending).isEmpty();
	}

	@Test
	void aCallAnsweredBeforeItsDeadlineIsNotTimedOut() {
		Mono<RpcReply> call = call("answered").cache();
		call.subscribe();
		this.pending.get("answered").onReply(RpcReply.success("answered", StringNode.valueOf("done")));
		this.timer.advanceTimeBy(TIMEOUT.plus(CallDeadlines.GRAIN));
		StepVerifier.create(call).assertNext((reply) -> assertThat(reply.result().asString()).isEqualTo("done"))
			.verifyComplete();
	}

	@Test
	void noCallIsTimedOutBeforeItsDeadline() {
		Mono<RpcReply> call = call("waiting").cache();
		call.subscribe();
		this.timer.advanceTimeBy(TIMEOUT.minus(CallDeadlines.GRAIN));
		assertThat(this.pending).containsKey("waiting");
	}

	/** A call with no deadline of its own, whose deadline is then added here. */
	private Mono<RpcReply> call(String msgId) {
		return Mono.create((sink) -> this.deadlines.add(new PendingCall(msgId, sink, null, null, this.pending), TIMEOUT));
	}

	/** The virtual timer, counting the delayed tasks it is given. */
	private final class CountingTimer implements Scheduler {

		@Override
		public Disposable schedule(Runnable task) {
			return CallDeadlinesTests.this.timer.schedule(task);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			CallDeadlinesTests.this.timerTasks.incrementAndGet();
			return CallDeadlinesTests.this.timer.schedule(task, delay, unit);
		}

		@Override
		public Worker createWorker() {
			return CallDeadlinesTests.this.timer.createWorker();
		}

	}

}
