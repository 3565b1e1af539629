package io.oslo4j.messaging.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.InteropCell;
import io.oslo4j.messaging.testsupport.OsloOptionSet;
import io.oslo4j.messaging.testsupport.OsloPeer;
import io.oslo4j.messaging.testsupport.PythonPeer;
import io.oslo4j.messaging.testsupport.PythonResult;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Python oslo.messaging clients call Java servers on RabbitMQ, in every cell of the interop matrix
 * (peer × option set): the Python client is the judge of what the Java server sends. Two Java
 * servers are shared by the tests of one cell.
 */
class PythonClientToJavaServerTests {

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

		private final InteropCell cell;

		/** A topic per cell: cells on one broker must not meet on a queue declared with other options. */
		private final String topic = "py2java-" + MessageIds.newHexId().substring(0, 10);

		private final List<RpcServer> servers = new ArrayList<>();

		private Transport transport;

		private InteropEndpoints.Peer s1;

		private InteropEndpoints.Peer s2;

		Cell(OsloPeer peer, OsloOptionSet options) {
			this.cell = new InteropCell(peer, options);
		}

		@BeforeAll
		void startJavaServers() {
			if (!this.cell.isRunnableWithJava()) {
				return;
			}
			this.transport = Transport.open(this.cell.javaUrl());
			this.s1 = start("s1", ExecutorKind.GREENIO);
			this.s2 = start("s2", ExecutorKind.EVENTLET);
		}

		private InteropEndpoints.Peer start(String name, ExecutorKind kind) {
			InteropEndpoints.Peer peer = new InteropEndpoints.Peer(name);
			RpcServer server = RpcServer.builder(this.transport, Target.topic(this.topic).withServer(name))
				.endpoints(peer, new InteropEndpoints.Versioned())
				.executor(kind)
				.build();
			server.start();
			this.servers.add(server);
			return peer;
		}


		@BeforeEach
		void requireTheCell() {
			this.cell.assumeJava();
		}

		@AfterAll
		void stopJavaServers() {
			this.servers.forEach((server) -> server.shutdown(Duration.ofSeconds(10)));
			if (this.transport != null) {
				this.transport.close();
				this.cell.deleteQueues(InteropCell.rpcQueues(this.topic, "s1", "s2"));
			}
		}

		private PythonResult python(String... args) {
			List<String> command = new ArrayList<>(List.of(args));
			command.addAll(List.of("--topic", this.topic));
			return this.cell.client(command);
		}

		@Test
		void aPythonCallGetsTheJavaResultAndItsContextRoundTrips() {
			PythonResult result = python("call", "--method", "context", "--context",
					"{\"user_id\": \"u1\", \"roles\": [\"admin\"], \"request_id\": \"req-1\"}");
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			JsonNode context = result.result();
			assertThat(context.get("user_id").asString()).isEqualTo("u1");
			assertThat(context.get("roles").get(0).asString()).isEqualTo("admin");
			assertThat(context.get("request_id").asString()).isEqualTo("req-1");
			assertThat(context.has("client_timeout")).isTrue();
		}

		@Test
		void unicodeNestedObjectsAndLargeIntegersSurviveBothWays() {
			String value = PythonPeer.json(Map.of("value",
					Map.of("text", "héllo ☃ 日本", "big", new java.math.BigInteger("123456789012345678901234567890"), "nested",
							List.of(1, Map.of("deep", List.of(true, false))))));
			PythonResult result = python("call", "--method", "echo", "--args", value);
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(result.result().get("text").asString()).isEqualTo("héllo ☃ 日本");
			assertThat(result.result().get("big").bigIntegerValue()).hasToString("123456789012345678901234567890");
			assertThat(result.result().get("nested").get(1).get("deep").get(1).asBoolean(true)).isFalse();
		}

		@ParameterizedTest(name = "{0} comes back as {1}")
		@CsvSource({ "none, null", "zero, 0", "false, false", "empty_list, []", "empty_dict, {}", "empty_string, \"\"" })
		void falsyResultsComeBackAsThemselves(String kind, String json) {
			PythonResult result = python("call", "--method", "falsy", "--args", "{\"kind\": \"" + kind + "\"}");
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(result.result()).hasToString(json);
		}

		@Test
		void aDirectedPythonCallReachesThatJavaServer() {
			PythonResult result = python("call", "--server", "s2", "--method", "whoami");
			assertThat(result.result().asString()).isEqualTo("s2");
		}

		@Test
		void aPythonCastReachesAJavaServer() {
			PythonResult result = python("cast", "--method", "echo", "--args", "{\"value\": \"cast-from-python\"}");
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> this.s1.received.contains("echo:cast-from-python") || this.s2.received.contains("echo:cast-from-python"));
		}

		@Test
		void aPythonFanoutCastReachesEveryJavaServer() {
			PythonResult result = python("cast", "--fanout", "--method", "echo", "--args", "{\"value\": \"fanout-from-python\"}");
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
				assertThat(this.s1.received).contains("echo:fanout-from-python");
				assertThat(this.s2.received).contains("echo:fanout-from-python");
			});
		}

		@ParameterizedTest(name = "namespace {0} version {1}")
		@CsvSource({ "ns1, 1.3, ns1-1.3", "ns1, 1.2, ns1-1.3" })
		void compatibleVersionsAreServed(String namespace, String version, String expected) {
			PythonResult result = python("call", "--namespace", namespace, "--version", version, "--method", "versioned");
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(result.result().asString()).isEqualTo(expected);
		}

		@ParameterizedTest(name = "namespace {0} version {1} → {2}")
		@CsvSource({ "ns1, 1.4, UnsupportedVersion", "ns1, 2.0, UnsupportedVersion", "unknown, 1.0, UnsupportedVersion",
				"'', 1.0, NoSuchMethod" })
		void dispatchErrorsArriveAsOsloRaisesThem(String namespace, String version, String excType) {
			List<String> args = new ArrayList<>(List.of("call", "--version", version, "--method", "versioned"));
			if (!namespace.isEmpty()) {
				args.addAll(List.of("--namespace", namespace));
			}
			PythonResult result = python(args.toArray(String[]::new));
			assertThat(result.exitCode()).as(result.stderr()).isEqualTo(PythonResult.REMOTE_ERROR);
			assertThat(result.error().get("python_class").asString()).isEqualTo("RemoteError");
			assertThat(result.error().get("exc_type").asString()).isEqualTo(excType);
			assertThat(result.error().get("module").asString()).isEqualTo("oslo_messaging.rpc.dispatcher");
		}

		@Test
		void aJavaExceptionArrivesAsARemoteErrorWithClassAndMessage() {
			PythonResult result = python("call", "--method", "fail", "--args", "{\"message\": \"boom from java\"}");
			assertThat(result.exitCode()).as(result.stderr()).isEqualTo(PythonResult.REMOTE_ERROR);
			assertThat(result.error().get("python_class").asString()).isEqualTo("RemoteError");
			assertThat(result.error().get("exc_type").asString()).isEqualTo("IllegalStateException");
			assertThat(result.error().get("value").asString()).isEqualTo("boom from java");
			assertThat(result.error().get("module").asString()).isEqualTo("java.lang");
		}

		@Test
		void missingArgumentsArriveAsAPythonTypeError() {
			PythonResult result = python("call", "--method", "add", "--args", "{\"a\": 1}");
			assertThat(result.exitCode()).as(result.stderr()).isEqualTo(PythonResult.REMOTE_ERROR);
			assertThat(result.error().get("class").asString()).isEqualTo("TypeError");
		}

		@Test
		void aLongJavaCallIsKeptAliveForAPythonCallerByHeartbeats() {
			PythonResult result = python("call", "--server", "s1", "--method", "sleep_reactive", "--args", "{\"seconds\": 3.5}",
					"--call-monitor-timeout", "2", "--timeout", "20");
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(result.result().asDouble()).isEqualTo(3.5);
		}

	}

}
