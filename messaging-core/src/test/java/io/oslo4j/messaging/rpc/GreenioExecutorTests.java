package io.oslo4j.messaging.rpc;

import java.util.Map;
import java.util.Queue;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.executor.ExecutorKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** greenio: reactive methods hold no worker while they wait. */
class GreenioExecutorTests extends ExecutorContract {

	@Override
	ExecutorKind kind() {
		return ExecutorKind.GREENIO;
	}

	@Test
	void aReactiveMethodRunsOnTheReactiveScheduler() {
		client().call(RequestContext.empty(), "echo_reactive", Map.of("value", "x"));
		assertThat(this.endpoint.threads).singleElement().asString().startsWith("oslo4j-greenio-");
	}

	@Test
	void concurrentReactiveCallsAreAllInsideAtOnceOnAHandfulOfGreenioThreads() {
		// 200 at once is more than the 64 workers could hold: none of them holds one
		Queue<String> threads = gatedReactiveCalls(200, 200);
		assertThat(threads).hasSize(200).allMatch((name) -> name.startsWith("oslo4j-greenio-"));
		assertThat(threads.stream().distinct().count()).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
	}

}
