package io.oslo4j.messaging.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code cluster-failover} scenario of issue 17, scaled down for CI (the command carries the
 * full load): on the three-node RabbitMQ 4.3 cluster of {@code interop/modern/peers.sh cluster},
 * with the Kolla options, three Java greenio servers and a Python oslo.messaging 18.3 server on one
 * topic, 64 Java and 4 Python callers, a notifier publishing to a Java and a Python listener;
 * {@code kill -9} of the node holding most quorum queue leaders, restarted after 20 s. Every
 * confirmed notification reaches both listeners, every call is answered or times out, every server
 * serves again by itself, and the restarted node is a member again that answers a call. The
 * figures (the longest gap without an answer among them) are printed as a {@code FIGURE} line and
 * written to {@code target/cluster-failover.json}.
 *
 * <p>Skipped without the forky root ({@code peers.sh build forky}), unless
 * {@code RABBITMQ_SERVER_REQUIRED=true}; the cluster is started when it is not running, and
 * stopped again afterwards in that case.
 */
class ClusterFailoverTests {

	private static final Path FIGURES = Path.of("target", "cluster-failover.json");

	private static ClusterNodes cluster;

	private static boolean startedHere;

	@BeforeAll
	static void startCluster() {
		cluster = ClusterNodes.find();
		if (!cluster.rootBuilt()) {
			String message = "no forky root: build it with `bash interop/modern/peers.sh build forky`";
			if (Boolean.parseBoolean(System.getenv("RABBITMQ_SERVER_REQUIRED"))) {
				Assertions.fail(message + " (RABBITMQ_SERVER_REQUIRED=true)");
			}
			Assumptions.abort(message);
		}
		startedHere = cluster.running().containsValue(false);
		cluster.start();
	}

	@AfterAll
	static void stopCluster() {
		if (startedHere) {
			cluster.stop();
		}
	}

	@Test
	void nothingConfirmedIsLostAndEveryCallEndsWhenTheNodeHoldingMostLeadersIsKilled() {
		CommandRun run = CommandRun.of("cluster-failover", "--fault", "kill-leader", "--java-callers", "64",
				"--python-callers", "4", "--notifications", "600", "--before", "8", "--down", "20", "--after", "15",
				"--timeout", "30");
		record(run.out().strip());

		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode figures = run.json();
		JsonNode notifications = figures.get("notifications");
		assertThat(notifications.get("confirmed").asInt()).as("all sent were confirmed in the end").isEqualTo(600);
		assertThat(notifications.get("java_listener").get("lost").asInt()).as(figures.toString()).isZero();
		assertThat(notifications.get("python_listener").get("lost").asInt()).as(figures.toString()).isZero();
		for (String side : new String[] { "java_calls", "python_calls" }) {
			JsonNode calls = figures.get(side);
			assertThat(calls.get("errors").asInt()).as("%s neither answered nor timed out: %s", side, calls).isZero();
			assertThat(calls.get("answered").asLong()).as(side).isPositive();
		}
		assertThat(figures.get("java_calls").get("hung").asInt()).as("calls still pending after their timeout").isZero();
		assertThat(figures.get("servers_serving_again").asString()).as(figures.toString()).isEqualTo("4/4");
		assertThat(figures.get("restarted").size()).as("nodes killed and restarted").isOne();
		figures.get("restarted").properties().forEach((node) -> {
			assertThat(node.getValue().get("rejoined").asBoolean()).as(node.getKey() + " rejoined").isTrue();
			assertThat(node.getValue().get("call_through_it_answered").asBoolean()).as(node.getKey() + " takes load")
				.isTrue();
		});
	}

	/** The figures, as core's reliability tests print theirs, and in {@code target/cluster-failover.json}. */
	private static void record(String json) {
		System.out.println("FIGURE cluster-failover kill-leader: " + json);
		try {
			Files.createDirectories(FIGURES.getParent());
			Files.writeString(FIGURES, json + System.lineSeparator());
		}
		catch (IOException ex) {
			// the figures are on standard output anyway
		}
	}

}
