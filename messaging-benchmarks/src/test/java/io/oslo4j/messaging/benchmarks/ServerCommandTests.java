package io.oslo4j.messaging.benchmarks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
	void askingForNotificationsFailsClearlyUntilTheNotificationsModuleIsThere() {
		CommandRun run = CommandRun.of("server", "--url", "fake:///server-tests-notify", "--listen-notifications",
				"notifications");

		assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
		assertThat(run.out()).doesNotContain("READY");
		assertThat(run.err()).contains("io.oslo4j.messaging.notify");
	}

}
