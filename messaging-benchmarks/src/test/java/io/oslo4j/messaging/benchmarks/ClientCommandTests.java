package io.oslo4j.messaging.benchmarks;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCommandTests {

	@Test
	void loadRunAgainstAnInProcessServerPrintsOneJsonLineOfFigures() {
		CommandRun run = CommandRun.of("client", "--url", "fake:///client-tests", "--executor", "greenio", "--calls",
				"300", "--concurrency", "32", "--warmup", "50", "--method", "echo", "--payload", "64");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out().strip()).doesNotContain("\n");
		JsonNode result = run.json();
		assertThat(result.propertyNames()).contains("calls_per_s", "p50_ms", "p95_ms", "p99_ms", "max_ms", "seconds",
				"errors", "timeouts", "peak_threads", "executor", "transport");
		assertThat(result.get("errors").asLong()).isZero();
		assertThat(result.get("timeouts").asLong()).isZero();
		assertThat(result.get("calls").asLong()).isEqualTo(300);
		assertThat(result.get("calls_per_s").asDouble()).isPositive();
		assertThat(result.get("p50_ms").asDouble()).isLessThanOrEqualTo(result.get("p99_ms").asDouble());
		assertThat(result.get("executor").asString()).isEqualTo("greenio");
		assertThat(result.get("transport").asString()).isEqualTo("fake");
	}

	@Test
	void remoteFailuresAreCountedAsErrorsNotTimeouts() {
		CommandRun run = CommandRun.of("client", "--url", "fake:///client-tests-errors", "--calls", "20", "--warmup", "0",
				"--method", "fail", "--args", "{\"message\": \"expected\"}");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().get("errors").asLong()).isEqualTo(20);
		assertThat(run.json().get("timeouts").asLong()).isZero();
		assertThat(run.err()).contains("RequestedFailureException").contains("expected");
	}

}
