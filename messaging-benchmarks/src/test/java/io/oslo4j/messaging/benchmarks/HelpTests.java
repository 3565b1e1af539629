package io.oslo4j.messaging.benchmarks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command documented in docs/benchmarks.md answers {@code --help} with its usage. */
class HelpTests {

	@ParameterizedTest
	@ValueSource(strings = { "server", "call", "client", "notify", "inflight-heap", "soak", "raw-baseline", "raw-oslo-baseline",
			"spring-amqp-baseline" })
	void everyCommandPrintsItsUsageForHelpAndExitsWithZero(String command) {
		CommandRun run = CommandRun.of(command, "--help");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).startsWith("Usage: messaging-benchmarks " + command);
	}

	@ParameterizedTest
	@ValueSource(strings = { "call", "client" })
	void theTargetVersionOptionIsNotPicocliStandardVersionOption(String command) {
		CommandRun run = CommandRun.of(command, "--help");

		assertThat(run.out()).contains("--target-version=X.Y").contains("-h, --help");
	}

}
