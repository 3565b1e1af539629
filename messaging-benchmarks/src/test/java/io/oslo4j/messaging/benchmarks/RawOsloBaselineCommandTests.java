package io.oslo4j.messaging.benchmarks;

import java.net.Socket;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The bare amqp-client ceilings run full request/replies against RabbitMQ: oslo's topology, and direct reply-to. */
class RawOsloBaselineCommandTests {

	@BeforeAll
	static void requireBroker() {
		try (Socket socket = new Socket("127.0.0.1", 5672)) {
			// a broker listens
		}
		catch (java.io.IOException ex) {
			if (Boolean.parseBoolean(System.getenv("RABBITMQ_SERVER_REQUIRED"))) {
				throw new AssertionError("RabbitMQ is not listening on 127.0.0.1:5672", ex);
			}
			Assumptions.abort("RabbitMQ is not listening on 127.0.0.1:5672");
		}
	}

	@Test
	void everyRequestIsAnsweredThroughTheTopicExchangeAndANamedReplyQueue() {
		CommandRun run = CommandRun.of("raw-oslo-baseline", "--calls", "500", "--concurrency", "16", "--warmup", "50",
				"--exchange", "oslo4j_bench_raw_oslo_tests");

		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode result = run.json();
		assertThat(result.get("baseline").asString()).isEqualTo("raw-oslo-protocol");
		assertThat(result.get("calls").asLong()).isEqualTo(500);
		assertThat(result.get("errors").asLong()).isZero();
		assertThat(result.get("timeouts").asLong()).isZero();
	}

	@Test
	void theDirectReplyToCeilingAnswersEveryRequestToo() {
		CommandRun run = CommandRun.of("raw-baseline", "--calls", "500", "--concurrency", "16", "--warmup", "50");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().get("calls").asLong()).isEqualTo(500);
		assertThat(run.json().get("errors").asLong()).isZero();
		assertThat(run.json().get("timeouts").asLong()).isZero();
	}

}
