package io.oslo4j.messaging.testsupport;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.oslo4j.messaging.wire.WireJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Python to Python on RabbitMQ: proves that the interop scripts and {@link PythonPeer} work, so that a
 * failing Java interop test points at Java. One server (RPC and notification listener) is shared by
 * the class; topics are unique per run.
 */
class PythonPeerSelfTests {

	private static final Duration LINE_TIMEOUT = Duration.ofSeconds(10);

	private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private static final String TOPIC = "peer_selftest_" + RUN;

	private static final String NOTIFICATION_TOPIC = "peer_selftest_notifications_" + RUN;

	private static @Nullable PythonServer server;

	@BeforeAll
	static void startSharedServer() {
		server = PythonPeer.startServer(List.of("--topic", TOPIC, "--server", "s1", "--listen-notifications",
				"--notification-topic", NOTIFICATION_TOPIC));
	}

	@AfterAll
	static void stopSharedServer() {
		if (server != null) {
			assertThat(server.stop()).as("exit code of the shared server after SIGTERM").isZero();
		}
	}

	@Test
	void callReturnsTheEchoedValueWithBigIntegersUnicodeAndNestingIntact() {
		ObjectNode value = WireJson.mapper().createObjectNode();
		value.put("big", new BigInteger("123456789012345678901234567890"));
		value.put("text", "héllo wörld ☃ 😀");
		value.putNull("nothing");
		value.putArray("list").add(1).add(2.5).add(true).addObject().put("key", "value");
		JsonNode expected = WireJson.mapper().readTree(PythonPeer.json(value));

		PythonResult result = call("echo", Map.of("value", value));

		assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.OK);
		assertThat(result.result()).isEqualTo(expected);
		JsonNode received = server().awaitLine(
				(line) -> PythonServer.rpc("echo").test(line) && expected.equals(line.path("args").path("value")),
				LINE_TIMEOUT);
		assertThat(received.path("server").asString()).isEqualTo("s1");
	}

	@Test
	void callToANamedServerReturnsTheSumOfItsArguments() {
		PythonResult result = PythonPeer.client(List.of("call", "--topic", TOPIC, "--server", "s1", "--method", "add",
				"--args", "{\"a\": 40, \"b\": 2}"));

		assertThat(result.result().asInt()).as("%s", result).isEqualTo(42);
	}

	@Test
	void whoamiNamesTheServerThatAnswered() {
		assertThat(call("whoami", Map.of()).result().asString()).isEqualTo("s1");
	}

	@Test
	void castIsDeliveredToTheServerAndOnlyReportsThatItWasSent() {
		String marker = "cast-" + UUID.randomUUID();

		PythonResult result = PythonPeer.client(List.of("cast", "--topic", TOPIC, "--method", "echo", "--args",
				PythonPeer.json(Map.of("value", marker))));

		assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.OK);
		assertThat(result.output()).isEqualTo(WireJson.mapper().readTree("{\"sent\": true}"));
		server().awaitLine((line) -> line.path("args").path("value").stringValueOpt().filter(marker::equals).isPresent(),
				LINE_TIMEOUT);
	}

	@Test
	void theEndpointSeesTheRequestContextPlusClientTimeout() {
		PythonResult result = PythonPeer.client(List.of("call", "--topic", TOPIC, "--method", "context", "--context",
				"{\"user_id\": \"u1\", \"roles\": [\"admin\"]}"));

		assertThat(result.result()).isEqualTo(WireJson.mapper()
			.readTree("{\"user_id\": \"u1\", \"roles\": [\"admin\"], \"client_timeout\": null}"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			none         | null
			zero         | 0
			false        | false
			empty_list   | []
			empty_dict   | {}
			empty_string | ""
			""")
	void falsyResultsComeBackAsTheirJsonValues(String kind, String json) {
		PythonResult result = call("falsy", Map.of("kind", kind));

		assertThat(result.result()).as("%s", result).isEqualTo(WireJson.mapper().readTree(json));
	}

	@Test
	void aValueErrorRaisedByTheEndpointIsRebuiltAsValueError() {
		PythonResult result = call("fail", Map.of("message", "boom"));

		assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.REMOTE_ERROR);
		JsonNode error = result.error();
		assertThat(error.path("python_class").asString()).isEqualTo("ValueError");
		assertThat(error.path("class").asString()).isEqualTo("ValueError");
		assertThat(error.path("module").asString()).isEqualTo("builtins");
		assertThat(error.path("message").asString()).isEqualTo("boom");
		assertThat(error.path("remote").asBoolean()).isTrue();
		assertThat(error.path("traceback").isArray()).isTrue();
	}

	@Test
	void anUnknownMethodComesBackAsRemoteErrorOfTypeNoSuchMethod() {
		PythonResult result = call("no_such_method", Map.of());

		assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.REMOTE_ERROR);
		JsonNode error = result.error();
		assertThat(error.path("python_class").asString()).isEqualTo("RemoteError");
		assertThat(error.path("exc_type").asString()).isEqualTo("NoSuchMethod");
		assertThat(error.path("module").asString()).isEqualTo("oslo_messaging.rpc.dispatcher");
		assertThat(error.path("value").asString()).isEqualTo("Endpoint does not support RPC method no_such_method");
	}

	@Test
	void aCompatibleMinorVersionReachesTheNamespacedEndpoint() {
		PythonResult result = PythonPeer.client(List.of("call", "--topic", TOPIC, "--namespace", "ns1", "--version",
				"1.2", "--method", "versioned"));

		assertThat(result.result().asString()).as("%s", result).isEqualTo("ns1-1.3");
	}

	@Test
	void aMajorVersionTheNamespaceDoesNotImplementComesBackAsUnsupportedVersion() {
		PythonResult result = PythonPeer.client(List.of("call", "--topic", TOPIC, "--namespace", "ns1", "--version",
				"2.0", "--method", "versioned"));

		assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.REMOTE_ERROR);
		assertThat(result.error().path("python_class").asString()).isEqualTo("RemoteError");
		assertThat(result.error().path("exc_type").asString()).isEqualTo("UnsupportedVersion");
		assertThat(result.error().path("value").asString())
			.isEqualTo("Endpoint does not support RPC version 2.0. Attempted method: versioned");
	}

	@Test
	void aCallToAServerThatDoesNotExistTimesOutWithExitCodeTwo() {
		PythonResult result = PythonPeer.client(List.of("call", "--topic", TOPIC, "--server", "nobody", "--method",
				"echo", "--args", "{\"value\": 0}", "--timeout", "1"));

		assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.TIMEOUT);
		assertThat(result.error().path("python_class").asString()).isEqualTo("MessagingTimeout");
		assertThat(result.error().path("remote").asBoolean()).isFalse();
	}

	@Test
	void aNotificationSentByTheClientIsPrintedByTheListeningServer() {
		String eventType = "selftest.notify." + UUID.randomUUID();

		PythonResult result = PythonPeer.client(List.of("notify", "--topic", NOTIFICATION_TOPIC, "--publisher-id",
				"compute.host1", "--event-type", eventType, "--priority", "warning", "--payload",
				"{\"instance_id\": \"abc\"}", "--context", "{\"user_id\": \"u1\", \"auth_token\": \"secret\"}"));

		assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.OK);
		JsonNode notification = server().awaitLine(PythonServer.notification(eventType), LINE_TIMEOUT);
		assertThat(notification.path("priority").asString()).isEqualTo("warn");
		assertThat(notification.path("publisher_id").asString()).isEqualTo("compute.host1");
		assertThat(notification.path("payload")).isEqualTo(WireJson.mapper().readTree("{\"instance_id\": \"abc\"}"));
		assertThat(notification.path("ctxt")).as("context after oslo's whitelist")
			.isEqualTo(WireJson.mapper().readTree("{\"user_id\": \"u1\", \"client_timeout\": null}"));
		assertThat(notification.path("metadata").path("message_id").asString()).hasSize(36);
	}

	@Test
	void aVersionOneNotificationWithoutEnvelopeIsPrintedToo() {
		String eventType = "selftest.v1." + UUID.randomUUID();

		PythonResult result = PythonPeer.client(List.of("notify", "--topic", NOTIFICATION_TOPIC, "--driver",
				"messaging", "--event-type", eventType, "--priority", "sample", "--payload", "\"plain text\""));

		assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.OK);
		JsonNode notification = server().awaitLine(PythonServer.notification(eventType), LINE_TIMEOUT);
		assertThat(notification.path("priority").asString()).isEqualTo("sample");
		assertThat(notification.path("payload").asString()).isEqualTo("plain text");
	}

	@Test
	void aPooledListenerGetsItsOwnCopyBesideTheDefaultQueueAndStopsCleanly() {
		String eventType = "selftest.pool." + UUID.randomUUID();
		try (PythonServer pooled = PythonPeer.startServer(List.of("--no-rpc", "--listen-notifications",
				"--notification-topic", NOTIFICATION_TOPIC, "--pool", "peer_selftest_pool_" + RUN))) {

			PythonResult result = PythonPeer.client(List.of("notify", "--topic", NOTIFICATION_TOPIC, "--event-type",
					eventType, "--priority", "info"));

			assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.OK);
			pooled.awaitLine(PythonServer.notification(eventType), LINE_TIMEOUT);
			server().awaitLine(PythonServer.notification(eventType), LINE_TIMEOUT);
			assertThat(pooled.stop()).as("exit code after SIGTERM").isZero();
		}
	}

	@Test
	void anEventletServerAnswersLikeAThreadingOne() {
		String topic = "peer_selftest_eventlet_" + RUN;
		try (PythonServer eventlet = PythonPeer.startServer(List.of("--topic", topic, "--server", "green",
				"--executor", "eventlet"))) {

			PythonResult result = PythonPeer.client(List.of("call", "--topic", topic, "--method", "whoami"));

			assertThat(result.result().asString()).as("%s", result).isEqualTo("green");
			assertThat(eventlet.stop()).as("exit code after SIGTERM").isZero();
		}
	}

	private static PythonResult call(String method, Map<String, ?> args) {
		return PythonPeer.client(List.of("call", "--topic", TOPIC, "--method", method, "--args", PythonPeer.json(args)));
	}

	private static PythonServer server() {
		return Objects.requireNonNull(server, "the shared server did not start");
	}

}
