package io.oslo4j.messaging.rpc;

import java.util.Map;
import java.util.Queue;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** eventlet: every method, reactive or not, holds one of 64 workers until it is done. */
class EventletExecutorTests extends ExecutorContract {

	@Override
	ExecutorKind kind() {
		return ExecutorKind.EVENTLET;
	}

	@Test
	void aReactiveMethodRunsOnAWorker() {
		client().call(RequestContext.empty(), "echo_reactive", Map.of("value", "x"));
		assertThat(this.endpoint.threads).singleElement().asString().startsWith("oslo4j-worker-");
	}

	@Test
	void concurrentReactiveCallsHoldNoMoreThanTheSixtyFourWorkers() {
		Queue<String> threads = gatedReactiveCalls(100, MessagingExecutors.DEFAULT_POOL_SIZE);
		assertThat(threads).hasSize(100).allMatch((name) -> name.startsWith("oslo4j-worker-"));
		assertThat(threads.stream().distinct().count()).isLessThanOrEqualTo(MessagingExecutors.DEFAULT_POOL_SIZE);
	}

}
