package io.oslo4j.messaging.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallCommandTests {

	private static final String URL = "fake:///call-tests";

	@Test
	void successPrintsTheResultAndExitsWithZero() {
		CommandRun run = CommandRun.of("call", "--url", URL, "--method", "add", "--args", "{\"a\": 2, \"b\": 3}");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out().strip()).isEqualTo("{\"result\":5}");
	}

	@Test
	void remoteErrorPrintsItsTypeAndMessageAndExitsWithOne() {
		CommandRun run = CommandRun.of("call", "--url", URL, "--method", "fail", "--args", "{\"message\": \"boom\"}");

		assertThat(run.exitCode()).isEqualTo(Main.EXIT_REMOTE_ERROR);
		assertThat(run.json().at("/error/exc_type").asString()).isEqualTo("RequestedFailureException");
		assertThat(run.json().at("/error/message").asString()).isEqualTo("boom");
	}

	@Test
	void timeoutExitsWithTwo() {
		CommandRun run = CommandRun.of("call", "--url", URL, "--method", "sleep_reactive", "--executor", "greenio",
				"--args", "{\"seconds\": 0.5}", "--timeout", "0.1");

		assertThat(run.exitCode()).isEqualTo(Main.EXIT_TIMEOUT);
		assertThat(run.json().at("/error/exc_type").asString()).isEqualTo("MessagingTimeout");
	}

	@Test
	void namespaceAndVersionReachTheVersionedEndpoint() {
		CommandRun run = CommandRun.of("call", "--url", URL, "--method", "versioned", "--namespace", "ns1",
				"--target-version", "1.3");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().get("result").asString()).isEqualTo("ns1-1.3");
	}

	@Test
	void contextComesBackAsTheServerReceivedIt() {
		CommandRun run = CommandRun.of("call", "--url", URL, "--method", "context", "--context",
				"{\"user\": \"alice\", \"roles\": [\"admin\"]}");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().at("/result/user").asString()).isEqualTo("alice");
		assertThat(run.json().at("/result/roles/0").asString()).isEqualTo("admin");
	}

	@Test
	void argumentsThatAreNotAJsonObjectAreAUsageError() {
		CommandRun run = CommandRun.of("call", "--url", URL, "--args", "[1, 2]");

		assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
		assertThat(run.err()).contains("expected a JSON object");
	}

}
