package io.oslo4j.messaging.interop;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.NoSuchRpcMethodException;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.rpc.UnsupportedVersionException;
import io.oslo4j.messaging.testsupport.InteropCell;
import io.oslo4j.messaging.testsupport.OsloOptionSet;
import io.oslo4j.messaging.testsupport.OsloPeer;
import io.oslo4j.messaging.testsupport.PythonServer;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Java clients call Python oslo.messaging servers on RabbitMQ, in every cell of the interop matrix
 * (peer × option set): the Python server is the judge of what the Java client sends. Two Python
 * servers are shared by the tests of one cell.
 */
class JavaClientToPythonServerTests {

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

		private static final Duration TIMEOUT = Duration.ofSeconds(20);

		private final InteropCell cell;

		/** A topic per cell: cells on one broker must not meet on a queue declared with other options. */
		private final String topic = "java2py-" + MessageIds.newHexId().substring(0, 10);

		private Transport transport;

		private PythonServer s1;

		private PythonServer s2;

		Cell(OsloPeer peer, OsloOptionSet options) {
			this.cell = new InteropCell(peer, options);
		}

		@BeforeAll
		void startPythonServers() {
			if (!this.cell.isRunnableWithJava()) {
				return;
			}
			this.transport = Transport.open(this.cell.javaUrl());
			this.s1 = this.cell.startServer(List.of("--topic", this.topic, "--server", "s1"));
			this.s2 = this.cell.startServer(List.of("--topic", this.topic, "--server", "s2"));
		}


		@BeforeEach
		void requireTheCell() {
			this.cell.assumeJava();
		}

		@AfterAll
		void stopPythonServers() {
			for (PythonServer server : new PythonServer[] { this.s1, this.s2 }) {
				if (server != null) {
					server.close();
				}
			}
			if (this.transport != null) {
				this.transport.close();
				this.cell.deleteQueues(InteropCell.rpcQueues(this.topic, "s1", "s2"));
			}
		}

		private RpcClient client() {
			return RpcClient.create(this.transport, Target.topic(this.topic)).withTimeout(TIMEOUT);
		}

		@Test
		void aJavaCallGetsThePythonResultAndItsContextRoundTrips() {
			assertThat(client().call(RequestContext.empty(), "add", Map.of("a", 20, "b", 22), Long.class)).isEqualTo(42L);
			JsonNode context = client().call(RequestContext.of(Map.of("user_id", "u1", "roles", List.of("admin"))), "context",
					Map.of());
			assertThat(context.get("user_id").asString()).isEqualTo("u1");
			assertThat(context.get("roles").get(0).asString()).isEqualTo("admin");
			assertThat(context.has("client_timeout")).isTrue();
		}

		@Test
		void unicodeNestedObjectsAndLargeIntegersSurviveBothWays() {
			Map<String, Object> value = Map.of("text", "héllo ☃ 日本", "big", new java.math.BigInteger("123456789012345678901234567890"),
					"nested", List.of(1, Map.of("deep", List.of(true, false))));
			JsonNode echoed = client().call(RequestContext.empty(), "echo", Map.of("value", value));
			assertThat(echoed.get("text").asString()).isEqualTo("héllo ☃ 日本");
			assertThat(echoed.get("big").bigIntegerValue()).hasToString("123456789012345678901234567890");
			assertThat(echoed.get("nested").get(1).get("deep").get(0).asBoolean()).isTrue();
		}

		@ParameterizedTest
		@ValueSource(strings = { "none", "zero", "false", "empty_list", "empty_dict", "empty_string" })
		void falsyResultsComeBackAsThemselves(String kind) {
			JsonNode result = client().call(RequestContext.empty(), "falsy", Map.of("kind", kind));
			switch (kind) {
				case "none" -> assertThat(result.isNull()).isTrue();
				case "zero" -> assertThat(result.isIntegralNumber() && result.asInt() == 0).isTrue();
				case "false" -> assertThat(result.isBoolean() && !result.asBoolean()).isTrue();
				case "empty_list" -> assertThat(result.isArray() && result.isEmpty()).isTrue();
				case "empty_dict" -> assertThat(result.isObject() && result.isEmpty()).isTrue();
				default -> assertThat(result.isString() && result.asString().isEmpty()).isTrue();
			}
		}

		@Test
		void aDirectedJavaCallReachesThatPythonServer() {
			for (int i = 0; i < 5; i++) {
				assertThat(client().withServer("s2").call(RequestContext.empty(), "whoami", Map.of(), String.class))
					.isEqualTo("s2");
			}
		}

		@Test
		void aJavaCastReachesAPythonServer() {
			String value = "cast-" + MessageIds.newHexId();
			client().cast(RequestContext.empty(), "echo", Map.of("value", value));
			await().atMost(Duration.ofSeconds(10)).until(() -> hasEcho(this.s1, value) || hasEcho(this.s2, value));
		}

		@Test
		void aJavaFanoutCastReachesEveryPythonServer() {
			String value = "fanout-" + MessageIds.newHexId();
			client().withFanout(true).cast(RequestContext.empty(), "echo", Map.of("value", value));
			this.s1.awaitLine((line) -> isEcho(line, value), TIMEOUT);
			this.s2.awaitLine((line) -> isEcho(line, value), TIMEOUT);
		}

		@Test
		void namespacesAndVersionsAreDispatchedAsPythonDecides() {
			RpcClient ns1 = client().withNamespace("ns1");
			assertThat(ns1.withVersion("1.3").call(RequestContext.empty(), "versioned", Map.of(), String.class))
				.isEqualTo("ns1-1.3");
			assertThat(ns1.withVersion("1.2").call(RequestContext.empty(), "versioned", Map.of(), String.class))
				.isEqualTo("ns1-1.3");
			assertThatExceptionOfType(UnsupportedVersionException.class)
				.isThrownBy(() -> ns1.withVersion("1.4").call(RequestContext.empty(), "versioned", Map.of()))
				.satisfies((ex) -> assertThat(ex.getValue())
					.isEqualTo("Endpoint does not support RPC version 1.4. Attempted method: versioned"));
			assertThatExceptionOfType(UnsupportedVersionException.class)
				.isThrownBy(() -> ns1.withVersion("2.0").call(RequestContext.empty(), "versioned", Map.of()));
			assertThatExceptionOfType(UnsupportedVersionException.class)
				.isThrownBy(() -> client().withNamespace("unknown").call(RequestContext.empty(), "versioned", Map.of()));
			assertThatExceptionOfType(NoSuchRpcMethodException.class)
				.isThrownBy(() -> client().call(RequestContext.empty(), "no_such_method", Map.of()))
				.satisfies((ex) -> {
					assertThat(ex.getValue()).isEqualTo("Endpoint does not support RPC method no_such_method");
					assertThat(ex.getTraceback()).anyMatch((line) -> line.contains("Traceback"));
				});
		}

		@Test
		void aPythonValueErrorArrivesAsARemoteExceptionWithThePythonTraceback() {
			assertThatExceptionOfType(RemoteException.class)
				.isThrownBy(() -> client().call(RequestContext.empty(), "fail", Map.of("message", "bad value 42")))
				.satisfies((ex) -> {
					assertThat(ex.getExcType()).isEqualTo("ValueError");
					assertThat(ex.getModule()).isEqualTo("builtins");
					assertThat(ex.getValue()).isEqualTo("bad value 42");
					assertThat(ex.getTraceback()).first().asString().startsWith("Traceback (most recent call last)");
					assertThat(String.join("", ex.getTraceback())).contains("ValueError: bad value 42");
				});
		}

		@Test
		void aCallToATopicNobodyServesTimesOut() {
			assertThatExceptionOfType(MessagingTimeoutException.class)
				.isThrownBy(() -> RpcClient.create(this.transport, Target.topic("nobody-" + MessageIds.newHexId()))
					.withTimeout(Duration.ofSeconds(1))
					.call(RequestContext.empty(), "echo", Map.of("value", 1)));
		}

		@Test
		void aLongPythonCallIsKeptAliveByItsHeartbeats() {
			RpcClient monitored = client().withServer("s1").withCallMonitorTimeout(Duration.ofSeconds(2));
			assertThat(monitored.call(RequestContext.empty(), "sleep", Map.of("seconds", 3.5), Double.class)).isEqualTo(3.5);
		}

		@Test
		void aTopicServedByTwoPythonServersAndOneJavaServerSharesTheCallsAmongAllThree() {
			String shared = "shared-" + MessageIds.newHexId().substring(0, 10);
			try (PythonServer p1 = this.cell.startServer(List.of("--topic", shared, "--server", "py1"));
					PythonServer p2 = this.cell.startServer(List.of("--topic", shared, "--server", "py2"))) {
				RpcServer java = RpcServer.builder(this.transport, Target.topic(shared).withServer("java1"))
					.endpoint(new InteropEndpoints.Peer("java1"))
					.executor(ExecutorKind.GREENIO)
					.build();
				java.start();
				try {
					RpcClient client = RpcClient.create(this.transport, Target.topic(shared)).withTimeout(TIMEOUT);
					Set<String> answeredBy = new HashSet<>();
					for (int i = 0; i < 30; i++) {
						answeredBy.add(client.call(RequestContext.empty(), "whoami", Map.of(), String.class));
					}
					assertThat(answeredBy).containsExactlyInAnyOrder("py1", "py2", "java1");
				}
				finally {
					java.shutdown(Duration.ofSeconds(10));
				}
			}
			finally {
				this.cell.deleteQueues(InteropCell.rpcQueues(shared, "py1", "py2", "java1"));
			}
		}

		private static boolean hasEcho(PythonServer server, String value) {
			return server.lines().stream().anyMatch((line) -> isEcho(line, value));
		}

		private static boolean isEcho(JsonNode line, String value) {
			return "echo".equals(line.path("rpc").asString("")) && value.equals(line.path("args").path("value").asString(""));
		}

	}

}
