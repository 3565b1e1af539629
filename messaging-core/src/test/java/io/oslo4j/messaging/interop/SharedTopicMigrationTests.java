package io.oslo4j.messaging.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.Notification;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.InteropCell;
import io.oslo4j.messaging.testsupport.OsloOptionSet;
import io.oslo4j.messaging.testsupport.OsloPeer;
import io.oslo4j.messaging.testsupport.PythonPeer;
import io.oslo4j.messaging.testsupport.PythonResult;
import io.oslo4j.messaging.testsupport.PythonServer;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Moving one service from Python to Java (issue 11, item 3): a Java server joins a topic that a
 * Python oslo.messaging server serves, or the Python server joins the Java one's, on a modern peer
 * (16.1 on RabbitMQ 4.0, 18.3 on RabbitMQ 4.3) with each option set. Calls spread over both,
 * directed calls reach each, a fanout cast reaches both, and notifications sent from either
 * language are consumed, once each, by the listeners of both languages sharing the topic's queues.
 */
class SharedTopicMigrationTests {

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

		private static final int CALLS = 20;

		private final InteropCell cell;

		private Transport transport;

		private MessagingExecutor executor;

		private final List<String> prefixes = new ArrayList<>();

		private final List<AutoCloseable> running = new ArrayList<>();

		Cell(OsloPeer peer, OsloOptionSet options) {
			this.cell = new InteropCell(peer, options);
		}

		@BeforeAll
		void openTransport() {
			if (this.cell.isRunnableWithJava()) {
				this.transport = Transport.open(this.cell.javaUrl());
				this.executor = MessagingExecutors.create(ExecutorKind.GREENIO);
			}
		}

		@AfterAll
		void deleteQueuesAndCloseTransport() {
			if (this.transport != null) {
				List<String> queues = List.copyOf(this.cell.ctl()
					.queues((name) -> this.prefixes.stream().anyMatch(name::startsWith))
					.keySet());
				RabbitTestSupport.delete(this.cell.peer().url(), queues, List.of());
				this.executor.disposeGracefully().block(Duration.ofSeconds(10));
				this.transport.close();
				this.transport = null;
			}
			this.prefixes.clear();
		}

		@BeforeEach
		void requireTheCell() {
			this.cell.assumeJava();
		}

		@AfterEach
		void stopServers() throws Exception {
			for (int i = this.running.size() - 1; i >= 0; i--) {
				this.running.get(i).close();
			}
			this.running.clear();
		}

		@ParameterizedTest(name = "{0} first")
		@EnumSource(Language.class)
		void callsSpreadOverThePythonAndTheJavaServerAndDirectedCallsReachEach(Language first) {
			String topic = topic("migrate");
			startBoth(first, () -> startPython(List.of("--topic", topic, "--server", "py1")),
					() -> startJava(topic, "java1"));

			RpcClient client = RpcClient.create(this.transport, Target.topic(topic)).withTimeout(TIMEOUT);
			Map<String, Integer> answeredBy = new HashMap<>();
			for (int i = 0; i < CALLS; i++) {
				answeredBy.merge(client.call(RequestContext.empty(), "whoami", Map.of(), String.class), 1, Integer::sum);
			}
			assertThat(answeredBy).as("which server answered %s Java calls", CALLS).containsOnlyKeys("py1", "java1");
			for (String server : List.of("py1", "java1")) {
				assertThat(client.withServer(server).call(RequestContext.empty(), "whoami", Map.of(), String.class))
					.as("a Java call directed to %s", server)
					.isEqualTo(server);
				PythonResult directed = this.cell.client(List.of("call", "--topic", topic, "--server", server, "--method",
						"whoami"));
				assertThat(directed.result().asString()).as("a Python call directed to %s: %s", server, directed)
					.isEqualTo(server);
			}
		}

		@ParameterizedTest(name = "{0} first")
		@EnumSource(Language.class)
		void aFanoutCastFromEitherLanguageReachesThePythonAndTheJavaServer(Language first) {
			String topic = topic("migrate_fanout");
			InteropEndpoints.Peer java = new InteropEndpoints.Peer("java1");
			PythonServer[] python = new PythonServer[1];
			startBoth(first, () -> python[0] = startPython(List.of("--topic", topic, "--server", "py1")),
					() -> startJava(topic, java));

			String fromPython = "fanout-from-python-" + MessageIds.newHexId().substring(0, 8);
			PythonResult sent = this.cell.client(List.of("cast", "--fanout", "--topic", topic, "--method", "echo", "--args",
					PythonPeer.json(Map.of("value", fromPython))));
			assertThat(sent.exitCode()).as("%s", sent).isEqualTo(PythonResult.OK);
			String fromJava = "fanout-from-java-" + MessageIds.newHexId().substring(0, 8);
			RpcClient.create(this.transport, Target.topic(topic))
				.withFanout(true)
				.cast(RequestContext.empty(), "echo", Map.of("value", fromJava));

			for (String value : List.of(fromPython, fromJava)) {
				python[0].awaitLine((line) -> PythonServer.rpc("echo").test(line)
						&& value.equals(line.path("args").path("value").asString("")), TIMEOUT);
				await().atMost(TIMEOUT).until(() -> java.received.contains("echo:" + value));
			}
		}

		@ParameterizedTest(name = "{0} first")
		@EnumSource(Language.class)
		void notificationsFromEitherLanguageAreConsumedOnceByTheListenersOfBoth(Language first) {
			String topic = topic("migrate_notifications");
			NotificationInteropTests.Recorder recorder = new NotificationInteropTests.Recorder();
			PythonServer[] python = new PythonServer[1];
			startBoth(first, () -> python[0] = startPython(List.of("--no-rpc", "--listen-notifications",
					"--notification-topic", topic)), () -> startJavaListener(topic, recorder));

			Notifier notifier = Notifier.builder(this.transport).publisherId("compute.java1").topics(topic).build();
			List<String> sent = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				String fromJava = "java." + i;
				notifier.info(RequestContext.empty(), fromJava, Map.of("n", i));
				String fromPython = "python." + i;
				PythonResult result = this.cell.client(List.of("notify", "--topic", topic, "--event-type", fromPython,
						"--priority", "info"));
				assertThat(result.exitCode()).as("%s", result).isEqualTo(PythonResult.OK);
				sent.addAll(List.of(fromJava, fromPython));
			}

			await().atMost(TIMEOUT).until(() -> consumed(python[0], recorder).size() >= sent.size());
			assertThat(consumed(python[0], recorder)).as("event types consumed by Python or Java")
				.containsExactlyInAnyOrderElementsOf(sent);
			assertThat(recorder.received).as("consumed by the Java listener").isNotEmpty();
			assertThat(python[0].lines()).as("consumed by the Python listener").isNotEmpty();
			if (this.cell.options() != OsloOptionSet.DEFAULTS) {
				assertThat(this.cell.ctl().queues((topic + ".info")::equals).get(topic + ".info").arguments())
					.as("the shared notification queue")
					.containsKey("x-queue-type")
					.extractingByKey("x-queue-type")
					.extracting((argument) -> argument.value())
					.isEqualTo("quorum");
			}
		}

		private static List<String> consumed(PythonServer python, NotificationInteropTests.Recorder recorder) {
			List<String> eventTypes = new ArrayList<>(recorder.received.stream().map(Notification::eventType).toList());
			python.lines().stream().map((line) -> line.path("event_type")).filter(JsonNode::isString)
				.forEach((eventType) -> eventTypes.add(eventType.asString()));
			return eventTypes;
		}

		private String topic(String prefix) {
			String topic = prefix + "_" + MessageIds.newHexId().substring(0, 10);
			this.prefixes.add(topic);
			return topic;
		}

		private void startBoth(Language first, Runnable python, Runnable java) {
			if (first == Language.PYTHON) {
				python.run();
				java.run();
			}
			else {
				java.run();
				python.run();
			}
		}

		private PythonServer startPython(List<String> args) {
			PythonServer server = this.cell.startServer(args);
			this.running.add(server);
			return server;
		}

		private void startJava(String topic, String name) {
			startJava(topic, new InteropEndpoints.Peer(name));
		}

		private void startJava(String topic, InteropEndpoints.Peer endpoint) {
			RpcServer server = RpcServer.builder(this.transport, Target.topic(topic).withServer(endpoint.serverName))
				.endpoint(endpoint)
				.executor(ExecutorKind.GREENIO)
				.build();
			server.start();
			this.running.add(() -> server.shutdown(Duration.ofSeconds(10)));
		}

		private void startJavaListener(String topic, NotificationInteropTests.Recorder recorder) {
			NotificationListener listener = NotificationListener.builder(this.transport)
				.target(Target.topic(topic))
				.endpoint(recorder)
				.executor(this.executor)
				.build();
			listener.start();
			this.running.add(() -> listener.awaitTermination(Duration.ofSeconds(10)));
		}

	}

	/** Which server joins the topic first. */
	enum Language {

		PYTHON, JAVA

	}

}
