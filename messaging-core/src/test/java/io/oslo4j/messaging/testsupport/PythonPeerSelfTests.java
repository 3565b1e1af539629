package io.oslo4j.messaging.testsupport;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.oslo4j.messaging.wire.WireJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Python to Python on RabbitMQ, in every cell of the interop matrix (peer × option set): proves that
 * the interop scripts and {@link OsloPeer} work with that peer, its broker and those options, so that
 * a failing Java interop test points at Java. One server (RPC and notification listener) is shared
 * by the tests of a cell; topics are unique per cell.
 */
class PythonPeerSelfTests {

	@Nested
	class Oslo14Defaults extends Cell {

		Oslo14Defaults() {
			super(OsloPeer.OSLO_14, OsloOptionSet.DEFAULTS);
		}

	}

	@Nested
	class Oslo14Quorum extends Cell {

		Oslo14Quorum() {
			super(OsloPeer.OSLO_14, OsloOptionSet.QUORUM);
		}

	}

	@Nested
	class Oslo16Defaults extends Cell {

		Oslo16Defaults() {
			super(OsloPeer.OSLO_16, OsloOptionSet.DEFAULTS);
		}

	}

	@Nested
	class Oslo16Quorum extends Cell {

		Oslo16Quorum() {
			super(OsloPeer.OSLO_16, OsloOptionSet.QUORUM);
		}

	}

	@Nested
	class Oslo16Kolla extends Cell {

		Oslo16Kolla() {
			super(OsloPeer.OSLO_16, OsloOptionSet.KOLLA);
		}

	}

	@Nested
	class Oslo18Defaults extends Cell {

		Oslo18Defaults() {
			super(OsloPeer.OSLO_18, OsloOptionSet.DEFAULTS);
		}

	}

	@Nested
	class Oslo18Quorum extends Cell {

		Oslo18Quorum() {
			super(OsloPeer.OSLO_18, OsloOptionSet.QUORUM);
		}

	}

	@Nested
	class Oslo18Kolla extends Cell {

		Oslo18Kolla() {
			super(OsloPeer.OSLO_18, OsloOptionSet.KOLLA);
		}

	}

	/** The tests of one cell: the nested classes above name the peer and the option set. */
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	abstract static class Cell {

		private static final Duration LINE_TIMEOUT = Duration.ofSeconds(10);

		private final InteropCell cell;

		private String run;

		private String topic;

		private String notificationTopic;

		private @Nullable PythonServer server;

		Cell(OsloPeer peer, OsloOptionSet options) {
			this.cell = new InteropCell(peer, options);
		}

		@BeforeAll
		void startSharedServer() {
			this.run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			this.topic = "peer_selftest_" + this.run;
			this.notificationTopic = "peer_selftest_notifications_" + this.run;
			if (this.cell.peer().isAvailable()) {
				this.server = this.cell.startServer(List.of("--topic", this.topic, "--server", "s1", "--listen-notifications",
						"--notification-topic", this.notificationTopic));
			}
		}

		@AfterAll
		void stopSharedServer() {
			PythonServer running = this.server;
			this.server = null;
			if (running != null) {
				int exitCode = running.stop();
				this.cell.deleteQueues(InteropCell.rpcQueues(this.topic, "s1", "s2"));
				this.cell.deleteQueues(InteropCell.rpcQueues("peer_selftest_eventlet_" + this.run, "green"));
				this.cell.deleteQueues(InteropCell.notificationQueues(this.notificationTopic,
						List.of("peer_selftest_pool_" + this.run)));
				assertThat(exitCode).as("exit code of the shared server after SIGTERM").isZero();
			}
		}


		@BeforeEach
		void requireThePeer() {
			this.cell.assumePython();
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
			PythonResult result = this.cell.client(List.of("call", "--topic", this.topic, "--server", "s1", "--method", "add",
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

			PythonResult result = this.cell.client(List.of("cast", "--topic", this.topic, "--method", "echo", "--args",
					PythonPeer.json(Map.of("value", marker))));

			assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.OK);
			assertThat(result.output()).isEqualTo(WireJson.mapper().readTree("{\"sent\": true}"));
			server().awaitLine((line) -> line.path("args").path("value").stringValueOpt().filter(marker::equals).isPresent(),
					LINE_TIMEOUT);
		}

		@Test
		void aFanoutCastReachesEveryServerOfTheTopic() {
			String marker = "fanout-" + UUID.randomUUID();
			try (PythonServer s2 = this.cell.startServer(List.of("--topic", this.topic, "--server", "s2"))) {

				PythonResult result = this.cell.client(List.of("cast", "--fanout", "--topic", this.topic, "--method", "echo",
						"--args", PythonPeer.json(Map.of("value", marker))));

				assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.OK);
				for (PythonServer server : List.of(server(), s2)) {
					server.awaitLine((line) -> line.path("args").path("value").stringValueOpt().filter(marker::equals)
						.isPresent(), LINE_TIMEOUT);
				}
			}
		}

		@Test
		void theEndpointSeesTheRequestContextPlusClientTimeout() {
			PythonResult result = this.cell.client(List.of("call", "--topic", this.topic, "--method", "context", "--context",
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
			PythonResult result = this.cell.client(List.of("call", "--topic", this.topic, "--namespace", "ns1", "--version",
					"1.2", "--method", "versioned"));

			assertThat(result.result().asString()).as("%s", result).isEqualTo("ns1-1.3");
		}

		@Test
		void aMajorVersionTheNamespaceDoesNotImplementComesBackAsUnsupportedVersion() {
			PythonResult result = this.cell.client(List.of("call", "--topic", this.topic, "--namespace", "ns1", "--version",
					"2.0", "--method", "versioned"));

			assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.REMOTE_ERROR);
			assertThat(result.error().path("python_class").asString()).isEqualTo("RemoteError");
			assertThat(result.error().path("exc_type").asString()).isEqualTo("UnsupportedVersion");
			assertThat(result.error().path("value").asString())
				.isEqualTo("Endpoint does not support RPC version 2.0. Attempted method: versioned");
		}

		@Test
		void aCallToAServerThatDoesNotExistTimesOutWithExitCodeTwo() {
			PythonResult result = this.cell.client(List.of("call", "--topic", this.topic, "--server", "nobody", "--method",
					"echo", "--args", "{\"value\": 0}", "--timeout", "1"));

			assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.TIMEOUT);
			assertThat(result.error().path("python_class").asString()).isEqualTo("MessagingTimeout");
			assertThat(result.error().path("remote").asBoolean()).isFalse();
		}

		@Test
		void aNotificationSentByTheClientIsPrintedByTheListeningServer() {
			String eventType = "selftest.notify." + UUID.randomUUID();

			PythonResult result = this.cell.client(List.of("notify", "--topic", this.notificationTopic, "--publisher-id",
					"compute.host1", "--event-type", eventType, "--priority", "warning", "--payload",
					"{\"instance_id\": \"abc\"}", "--context", "{\"user_id\": \"u1\", \"auth_token\": \"secret\"}"));

			assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.OK);
			JsonNode notification = server().awaitLine(PythonServer.notification(eventType), LINE_TIMEOUT);
			assertThat(notification.path("priority").asString()).isEqualTo("warn");
			assertThat(notification.path("publisher_id").asString()).isEqualTo("compute.host1");
			assertThat(notification.path("payload")).isEqualTo(WireJson.mapper().readTree("{\"instance_id\": \"abc\"}"));
			if (this.cell.peer() == OsloPeer.OSLO_14) {
				assertThat(notification.path("ctxt")).as("context after oslo's whitelist")
					.isEqualTo(WireJson.mapper().readTree("{\"user_id\": \"u1\", \"client_timeout\": null}"));
			}
			else {
				assertThat(notification.path("ctxt").path("user").asString()).as("the RequestContext's user").isEqualTo("u1");
				assertThat(notification.path("ctxt").path("auth_token").isNull()).as("the token, redacted").isTrue();
			}
			assertThat(notification.path("metadata").path("message_id").asString()).hasSize(36);
		}

		@Test
		void aVersionOneNotificationWithoutEnvelopeIsPrintedToo() {
			String eventType = "selftest.v1." + UUID.randomUUID();

			PythonResult result = this.cell.client(List.of("notify", "--topic", this.notificationTopic, "--driver",
					"messaging", "--event-type", eventType, "--priority", "sample", "--payload", "\"plain text\""));

			assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.OK);
			JsonNode notification = server().awaitLine(PythonServer.notification(eventType), LINE_TIMEOUT);
			assertThat(notification.path("priority").asString()).isEqualTo("sample");
			assertThat(notification.path("payload").asString()).isEqualTo("plain text");
		}

		@Test
		void aPooledListenerGetsItsOwnCopyBesideTheDefaultQueueAndStopsCleanly() {
			String eventType = "selftest.pool." + UUID.randomUUID();
			try (PythonServer pooled = this.cell.startServer(List.of("--no-rpc", "--listen-notifications",
					"--notification-topic", this.notificationTopic, "--pool", "peer_selftest_pool_" + this.run))) {

				PythonResult result = this.cell.client(List.of("notify", "--topic", this.notificationTopic, "--event-type",
						eventType, "--priority", "info"));

				assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.OK);
				pooled.awaitLine(PythonServer.notification(eventType), LINE_TIMEOUT);
				server().awaitLine(PythonServer.notification(eventType), LINE_TIMEOUT);
				assertThat(pooled.stop()).as("exit code after SIGTERM").isZero();
			}
		}

		@Test
		void anEventletServerAnswersLikeAThreadingOne() {
			String topic = "peer_selftest_eventlet_" + this.run;
			try (PythonServer eventlet = this.cell.startServer(List.of("--topic", topic, "--server", "green",
					"--executor", "eventlet"))) {

				PythonResult result = this.cell.client(List.of("call", "--topic", topic, "--method", "whoami"));

				assertThat(result.result().asString()).as("%s", result).isEqualTo("green");
				assertThat(eventlet.stop()).as("exit code after SIGTERM").isZero();
			}
		}

		private PythonResult call(String method, Map<String, ?> args) {
			return this.cell.client(List.of("call", "--topic", this.topic, "--method", method, "--args", PythonPeer.json(args)));
		}

		private PythonServer server() {
			return Objects.requireNonNull(this.server, "the shared server did not start");
		}

	}

}
