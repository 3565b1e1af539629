package io.oslo4j.messaging.benchmarks;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SoakCommandTests {

	@Test
	void aShortSoakReportsTheProcessAtStartAndEndAndEveryMessageItSent() {
		CommandRun run = CommandRun.of("soak", "--url", "fake:///soak-tests", "--warmup", "0.2", "--duration", "1",
				"--rate", "20");

		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode result = run.json();
		for (String moment : new String[] { "start", "after_warm_up", "end" }) {
			assertThat(result.get(moment).get("heap_used_after_gc_bytes").asLong()).as(moment).isPositive();
			assertThat(result.get(moment).get("threads").asInt()).as(moment).isPositive();
			assertThat(result.get(moment).get("connections").isNull()).as("no broker on fake://").isTrue();
		}
		assertThat(result.get("calls_answered").asLong()).isGreaterThanOrEqualTo(20);
		assertThat(result.get("calls_failed").asLong()).isZero();
		assertThat(result.get("casts_confirmed").asLong()).isEqualTo(result.get("calls_answered").asLong());
		assertThat(result.get("notifications_handled").asLong())
			.isEqualTo(result.get("notifications_confirmed").asLong())
			.isEqualTo(result.get("calls_answered").asLong());
	}

}
