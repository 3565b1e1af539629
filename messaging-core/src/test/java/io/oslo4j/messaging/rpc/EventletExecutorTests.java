package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.executor.ExecutorKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** eventlet: every method, reactive or not, holds one of 64 workers until it is done. */
class EventletExecutorTests extends ExecutorContract {

	@Override
	ExecutorKind kind() {
		return ExecutorKind.EVENTLET;
	}

	@Override
	String slowMethod() {
		return "sleep";
	}

	@Test
	void aReactiveMethodRunsOnAWorker() {
		client().call(RequestContext.empty(), "echo_reactive", Map.of("value", "x"));
		assertThat(this.endpoint.threads).singleElement().asString().startsWith("oslo4j-worker-");
	}

	@Test
	void aThousandConcurrentReactiveCallsQueueBehindSixtyFourWorkers() {
		Duration wall = concurrently(1000, "sleep_reactive", 0.2);
		// 1000 / 64 workers = 16 rounds of 200 ms
		assertThat(wall).isGreaterThan(Duration.ofMillis(2800)).isLessThan(Duration.ofSeconds(10));
		assertThat(this.endpoint.threads.stream().distinct().count()).isLessThanOrEqualTo(64);
	}

}
