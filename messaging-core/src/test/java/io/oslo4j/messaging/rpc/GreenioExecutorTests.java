package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.Map;

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

	@Override
	String slowMethod() {
		return "sleep_reactive";
	}

	@Test
	void aReactiveMethodRunsOnTheReactiveScheduler() {
		client().call(RequestContext.empty(), "echo_reactive", Map.of("value", "x"));
		assertThat(this.endpoint.threads).singleElement().asString().startsWith("oslo4j-greenio-");
	}

	@Test
	void aThousandConcurrentReactiveCallsFinishInASmallMultipleOfOneCallOnAHandfulOfThreads() {
		Duration wall = concurrently(1000, "sleep_reactive", 0.2);
		assertThat(wall).isLessThan(Duration.ofMillis(1500));
		assertThat(this.endpoint.threads).hasSize(1000)
			.allMatch((name) -> name.startsWith("oslo4j-greenio-"));
		assertThat(this.endpoint.threads.stream().distinct().count())
			.isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
	}

}
