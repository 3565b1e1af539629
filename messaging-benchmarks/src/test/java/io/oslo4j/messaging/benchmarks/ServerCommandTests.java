package io.oslo4j.messaging.benchmarks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ServerCommandTests {

	@Test
	void serverPrintsReadyServesTheEndpointsAndStopsGracefully() {
		String url = "fake:///server-tests";
		ServerCommand command = new ServerCommand();
		StringWriter out = new StringWriter();
		CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> new CommandLine(command)
			.setOut(new PrintWriter(out, true))
			.setErr(new PrintWriter(new StringWriter(), true))
			.execute("--url", url, "--topic", "bench", "--server", "s1", "--executor", "greenio"));
		await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("READY"));

		try (Transport transport = Transport.open(url)) {
			RpcClient client = RpcClient.create(transport, Target.topic("bench").withServer("s1"))
				.withTimeout(Duration.ofSeconds(5));
			assertThat(client.call(RequestContext.empty(), "sleep_reactive", Map.of("seconds", 0.01), Double.class))
				.isEqualTo(0.01);
			assertThat(client.call(RequestContext.empty(), "echo_reactive", Map.of("value", "hi"), String.class))
				.isEqualTo("hi");
		}
		command.stop();

		assertThat(exitCode).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(0);
	}

	@Test
	void serverPrintsEachNotificationAsOneJsonLineAndNotifyExitsOnceSent() {
		String url = "fake:///server-tests-notify";
		ServerCommand command = new ServerCommand();
		StringWriter out = new StringWriter();
		CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> new CommandLine(command)
			.setOut(new PrintWriter(out, true))
			.setErr(new PrintWriter(new StringWriter(), true))
			.execute("--url", url, "--topic", "bench-n", "--listen-notifications"));
		await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("READY"));

		CommandRun notify = CommandRun.of("notify", "--url", url, "--publisher-id", "compute.host1", "--event-type",
				"compute.instance.create.end", "--priority", "warning", "--payload", "{\"id\": 7, \"tags\": [\"a\"]}",
				"--context", "{\"user_id\": \"u1\", \"auth_token\": \"secret\"}");
		assertThat(notify.exitCode()).as(notify.err()).isZero();
		assertThat(notify.json().get("sent").get("priority").asString()).isEqualTo("warn");
		CommandRun second = CommandRun.of("notify", "--url", url, "--priority", "sample", "--payload", "[1, 2]");
		assertThat(second.exitCode()).as(second.err()).isZero();

		await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().lines().count() == 3);
		List<JsonNode> lines = out.toString().lines().skip(1).map(line -> Json.mapper().readTree(line)).toList();
		JsonNode first = lines.stream().filter(line -> line.get("priority").asString().equals("warn")).findFirst()
			.orElseThrow();
		assertThat(first.get("publisher_id").asString()).isEqualTo("compute.host1");
		assertThat(first.get("event_type").asString()).isEqualTo("compute.instance.create.end");
		assertThat(first.get("payload").get("id").asInt()).isEqualTo(7);
		assertThat(first.get("payload").get("tags").get(0).asString()).isEqualTo("a");
		assertThat(first.get("ctxt").get("user_id").asString()).isEqualTo("u1");
		assertThat(first.get("ctxt").has("auth_token")).isFalse();
		assertThat(first.get("metadata").get("message_id").asString()).isNotEmpty();
		assertThat(first.get("metadata").get("timestamp").asString()).isNotEmpty();
		JsonNode sample = lines.stream().filter(line -> line.get("priority").asString().equals("sample")).findFirst()
			.orElseThrow();
		assertThat(sample.get("payload").size()).isEqualTo(2);
		assertThat(sample.get("publisher_id").asString()).isEqualTo("oslo4j.benchmarks");
		command.stop();

		assertThat(exitCode).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(0);
	}

	@Test
	void poolWithoutListenNotificationsIsAUsageError() {
		CommandRun run = CommandRun.of("server", "--url", "fake:///server-tests-pool", "--pool", "p1");

		assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
		assertThat(run.out()).doesNotContain("READY");
	}

	@Test
	void notifyRejectsAnUnknownPriority() {
		CommandRun run = CommandRun.of("notify", "--url", "fake:///server-tests-pool", "--priority", "loud");

		assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
		assertThat(run.err()).contains("Unknown priority 'loud'");
	}

}
