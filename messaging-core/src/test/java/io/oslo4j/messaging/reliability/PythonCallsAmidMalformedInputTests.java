package io.oslo4j.messaging.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.Figures;
import io.oslo4j.messaging.testsupport.OsloPeer;
import io.oslo4j.messaging.testsupport.PythonResult;
import io.oslo4j.messaging.transport.ReplyRetry;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.transport.rabbit.RabbitDriver;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fuzz of issue 14 with the Python peer as the judge: {@code interop/fuzz_caller.py} publishes
 * 3,000 malformed messages into a Java greenio server's topic with kombu, about 500 of them calls
 * to one reply queue that does not exist, and makes 30 valid calls with oslo.messaging's own
 * client among them (10 s timeout each). Every valid call is answered, the server keeps serving,
 * and the replies nobody can receive are probed a few times a second at most.
 */
class PythonCallsAmidMalformedInputTests {

	private static final int MALFORMED = 3000;

	private static final int VALID = 30;

	@ParameterizedTest
	@EnumSource(value = OsloPeer.class, names = { "OSLO_14", "OSLO_18" })
	void everyValidPythonCallIsAnsweredAmidThreeThousandMalformedMessages(OsloPeer peer) {
		peer.assumeAvailable();
		String topic = "fuzz-" + MessageIds.newHexId().substring(0, 10);
		try (Transport transport = Transport.open(peer.javaUrl(Map.of()))) {
			RpcServer server = RpcServer.builder(transport, Target.topic(topic).withServer("s1"))
				.endpoint(new UndeliverableRepliesTests.Echo())
				.executor(ExecutorKind.GREENIO)
				.build();
			server.start();
			try {
				long start = System.nanoTime();
				PythonResult run = peer.script("fuzz_caller.py", List.of("--topic", topic, "--malformed",
						String.valueOf(MALFORMED), "--valid", String.valueOf(VALID), "--timeout", "10"),
						Duration.ofMinutes(3));
				assertThat(run.exitCode()).as("fuzz_caller.py: %s", run.stderr()).isEqualTo(PythonResult.OK);
				JsonNode outcome = run.output();
				assertThat(outcome.get("failed")).as("calls answered wrongly or failed").isEmpty();
				assertThat(outcome.get("timed_out").asInt()).as("valid calls timed out").isZero();
				assertThat(outcome.get("answered").asInt()).isEqualTo(VALID);
				assertThat(server.isRunning()).isTrue();
				await().atMost(30, TimeUnit.SECONDS).until(() -> server.inFlight() == 0);
				ReplyRetry.Counts counts = ((RabbitDriver) transport.driver()).replyRetryCounts();
				long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				assertThat(counts.probes()).as("probes to the one missing queue over %d ms", elapsedMillis)
					.isLessThanOrEqualTo(1 + elapsedMillis / ReplyRetry.INTERVAL.toMillis());
				record(peer, latencies(outcome), counts, elapsedMillis);
			}
			finally {
				server.shutdown(Duration.ofSeconds(10));
			}
		}
	}

	private static List<Double> latencies(JsonNode outcome) {
		List<Double> latencies = new ArrayList<>();
		outcome.get("latencies_ms").forEach((latency) -> latencies.add(latency.asDouble()));
		latencies.sort(null);
		return latencies;
	}

	private static void record(OsloPeer peer, List<Double> latencies, ReplyRetry.Counts counts, long elapsedMillis) {
		String figure = MALFORMED + " malformed messages from kombu among " + VALID + " oslo.messaging "
				+ peer.osloVersion() + " calls, Java greenio server";
		double p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
		Figures.record(figure, "valid calls answered", latencies.size() + " / " + VALID);
		Figures.record(figure, "p50 / p99 of the valid calls", String.format("%.0f ms / %.0f ms",
				latencies.get(latencies.size() / 2), p99));
		Figures.record(figure, "probes / held / dropped", counts.probes() + " / " + counts.held() + " / "
				+ counts.dropped() + " in " + String.format("%.1f s", elapsedMillis / 1000.0));
	}

}
