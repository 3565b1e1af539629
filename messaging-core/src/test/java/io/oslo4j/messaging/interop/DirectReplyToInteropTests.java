package io.oslo4j.messaging.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.testsupport.DirectReplyProbe;
import io.oslo4j.messaging.testsupport.InteropCell;
import io.oslo4j.messaging.testsupport.PythonServer;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A Java client with direct reply-to calls Python oslo.messaging servers, in every cell of the
 * interop matrix: oslo's servers publish a reply to the default exchange with {@code _reply_q} as
 * the routing key, so an {@code amq.rabbitmq.reply-to.<...>} address reaches the client. What the
 * mandatory flag of oslo's replies ({@code direct_mandatory_flag}, on by default) does depends on
 * the broker: RabbitMQ 3.10 and 4.0 return every mandatory publish to a direct reply-to address,
 * delivered or not, which oslo takes for a missing reply queue; RabbitMQ 4.3 returns none.
 */
class DirectReplyToInteropTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** What oslo's servers wait, here, before they give a reply queue up (oslo's default: 60 s). */
	private static final String RETRY_TIMEOUT = "oslo_messaging_rabbit.kombu_missing_consumer_retry_timeout=1";

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.oslo4j.messaging.testsupport.InteropCell#all")
	void withoutTheMandatoryFlagAPythonServerAnswersEveryDirectReplyToCall(InteropCell cell) {
		cell.assumeJava();
		withServer(cell, List.of("--set", "oslo_messaging_rabbit.direct_mandatory_flag=false"), (client, server) -> {
			for (int i = 0; i < 5; i++) {
				assertThat(client.call(RequestContext.empty(), "add", Map.of("a", i, "b", 40), Long.class)).isEqualTo(i + 40L);
			}
			assertThatExceptionOfType(RemoteException.class)
				.isThrownBy(() -> client.call(RequestContext.empty(), "fail", Map.of("message", "bad value 42")))
				.satisfies((ex) -> assertThat(ex.getValue()).isEqualTo("bad value 42"));
			// past the retry timeout: nothing was given up
			assertThat(client.withCallMonitorTimeout(Duration.ofSeconds(2))
				.call(RequestContext.empty(), "sleep", Map.of("seconds", 3.5), Double.class)).isEqualTo(3.5);
			assertThat(client.call(RequestContext.empty(), "add", Map.of("a", 1, "b", 1), Long.class)).isEqualTo(2L);
			assertThat(server.stderr()).doesNotContain("missing queue");
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.oslo4j.messaging.testsupport.InteropCell#all")
	void withTheMandatoryFlagAPythonServerGivesTheAddressUpWhereTheBrokerReturnsDirectReplies(InteropCell cell) {
		cell.assumeJava();
		boolean returned = !DirectReplyProbe.of(cell.peer().url()).returned().isEmpty();
		withServer(cell, List.of(), (client, server) -> {
			assertThat(client.call(RequestContext.empty(), "add", Map.of("a", 20, "b", 22), Long.class)).isEqualTo(42L);
			if (returned) {
				await().atMost(TIMEOUT).until(() -> server.stderr().contains("Abandoning"));
				assertThatExceptionOfType(MessagingTimeoutException.class).isThrownBy(() -> client
					.withTimeout(Duration.ofSeconds(2))
					.call(RequestContext.empty(), "add", Map.of("a", 1, "b", 1)));
			}
			else {
				assertThat(client.call(RequestContext.empty(), "sleep", Map.of("seconds", 1.5), Double.class)).isEqualTo(1.5);
				assertThat(client.call(RequestContext.empty(), "add", Map.of("a", 1, "b", 1), Long.class)).isEqualTo(2L);
				assertThat(server.stderr()).doesNotContain("missing queue");
			}
		});
	}

	private static void withServer(InteropCell cell, List<String> options, ServerTest test) {
		String topic = "direct-" + MessageIds.newHexId().substring(0, 10);
		List<String> args = new ArrayList<>(List.of("--topic", topic, "--server", "s1", "--set", RETRY_TIMEOUT));
		args.addAll(options);
		try (Transport transport = Transport.open(cell.javaUrl()); PythonServer server = cell.startServer(args)) {
			test.run(RpcClient.builder(transport, Target.topic(topic)).directReplyTo(true).timeout(TIMEOUT).build(),
					server);
		}
		finally {
			cell.deleteQueues(InteropCell.rpcQueues(topic, "s1"));
		}
	}

	@FunctionalInterface
	private interface ServerTest {

		void run(RpcClient client, PythonServer server);

	}

}
