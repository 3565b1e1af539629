package io.oslo4j.messaging.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.Notification;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.notify.OnNotification;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.testsupport.InteropCell;
import io.oslo4j.messaging.testsupport.OsloOptionSet;
import io.oslo4j.messaging.testsupport.OsloPeer;
import io.oslo4j.messaging.testsupport.PythonResult;
import io.oslo4j.messaging.testsupport.PythonServer;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications between Python oslo.messaging and Java, both ways, on RabbitMQ, in every cell of
 * the interop matrix (peer × option set).
 */
class NotificationInteropTests {

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

		private static final List<String> PRIORITIES = List.of("audit", "debug", "info", "warn", "error", "critical",
				"sample");

		/** A topic per test. */
		private String topic;

		private final List<NotificationListener> listeners = new ArrayList<>();

		private final List<String> pools = new ArrayList<>();

		private Transport transport;

		private MessagingExecutor executor;

		private final InteropCell cell;

		Cell(OsloPeer peer, OsloOptionSet options) {
			this.cell = new InteropCell(peer, options);
		}

		@BeforeEach
		void open() {
			this.cell.assumeJava();
			this.topic = "notif-" + MessageIds.newHexId().substring(0, 10);
			this.transport = Transport.open(this.cell.javaUrl());
			this.executor = MessagingExecutors.create(ExecutorKind.GREENIO);
		}

		@AfterEach
		void close() {
			this.listeners.forEach((listener) -> listener.awaitTermination(Duration.ofSeconds(10)));
			this.listeners.clear();
			if (this.executor != null) {
				this.executor.disposeGracefully().block(Duration.ofSeconds(10));
			}
			if (this.transport != null) {
				this.transport.close();
				this.cell.deleteQueues(InteropCell.notificationQueues(this.topic, this.pools));
			}
			this.pools.clear();
		}

		private Recorder listen(String pool) {
			Recorder recorder = new Recorder();
			NotificationListener listener = NotificationListener.builder(this.transport)
				.target(Target.topic(this.topic))
				.endpoint(recorder)
				.executor(this.executor)
				.pool(pool)
				.build();
			listener.start();
			this.listeners.add(listener);
			if (pool != null) {
				this.pools.add(pool);
			}
			return recorder;
		}

		@Test
		void aPythonNotifierReachesAJavaListenerForEveryPriorityAndInAPool() {
			Recorder plain = listen(null);
			Recorder pooled = listen("pool-" + MessageIds.newHexId().substring(0, 8));
			for (String priority : PRIORITIES) {
				PythonResult sent = this.cell.client(List.of("notify", "--topic", this.topic, "--priority", priority,
						"--publisher-id", "compute.host1", "--event-type", "compute.instance." + priority, "--payload",
						"{\"instance_id\": \"abc\", \"n\": 1}", "--context", "{\"user_id\": \"u1\", \"auth_token\": \"secret\"}"));
				assertThat(sent.exitCode()).as(sent.stderr()).isZero();
			}
			for (Recorder recorder : List.of(plain, pooled)) {
				await().atMost(20, TimeUnit.SECONDS).until(() -> recorder.received.size() == PRIORITIES.size());
				assertThat(recorder.received).extracting((n) -> n.priority().routingName())
					.containsExactlyInAnyOrderElementsOf(PRIORITIES);
				Notification<JsonNode> info = recorder.received.stream()
					.filter((n) -> n.priority() == Priority.INFO)
					.findFirst()
					.orElseThrow();
				assertThat(info.publisherId()).isEqualTo("compute.host1");
				assertThat(info.eventType()).isEqualTo("compute.instance.info");
				assertThat(info.payload().get("instance_id").asString()).isEqualTo("abc");
				assertThat(info.context().getString(userIdKey())).isEqualTo("u1");
				assertThat(info.context().get("auth_token")).as("the token, redacted by the Python notifier").isNull();
				assertThat(info.metadata().messageId()).matches("[0-9a-f-]{36}");
			}
		}

		@Test
		void theOsloCommandLineNotifierWithLowerCasePriorityAndAStringPayloadReachesAJavaListener() throws Exception {
			Recorder recorder = listen(null);
			String configFile = this.cell.peer().writeFile("cli.conf", this.cell.options().configFile());
			List<String> command = new ArrayList<>(this.cell.peer().program("/usr/bin/oslo-messaging-send-notification",
					"--config-file", configFile, "--transport-url", this.cell.peer().url(), "--publisher-id", "cli.host",
					"--event-type", "cli.event", "--topic", this.topic, "--priority", "warn", "--driver", "messagingv2",
					"{\"from\": \"cli\"}"));
			// a session (and process group) of its own: with use_queue_manager oslo reads
			// /proc/<process group>/stat, and this JVM's group leader may be gone
			command.addAll(0, List.of("setsid", "--wait"));
			Process process = new ProcessBuilder(command)
				.redirectErrorStream(true)
				.start();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
			await().atMost(20, TimeUnit.SECONDS).until(() -> !recorder.received.isEmpty());
			Notification<JsonNode> received = recorder.received.peek();
			assertThat(received.priority()).isEqualTo(Priority.WARN);
			assertThat(received.eventType()).isEqualTo("cli.event");
			assertThat(received.payload().isString()).isTrue();
			assertThat(received.payload().asString()).contains("cli");
		}

		@Test
		void aJavaNotifierReachesAPythonListenerWhichSeesWhatAPythonNotifierWouldSend() {
			try (PythonServer python = this.cell.startServer(
					List.of("--no-rpc", "--listen-notifications", "--notification-topic", this.topic))) {
				Notifier notifier = Notifier.builder(this.transport).publisherId("compute.java1").topics(this.topic).build();
				RequestContext context = RequestContext.of(Map.of("user_id", "u1", "request_id", "req-9", "auth_token", "secret"));
				notifier.info(context, "compute.instance.create.end", Map.of("instance_id", "abc", "state", "active"));
				notifier.warning(context, "compute.instance.slow", Map.of("seconds", 12));
				notifier.error(context, "compute.instance.failed", "just a string");
				JsonNode info = python.awaitLine(PythonServer.notification("compute.instance.create.end"), Duration.ofSeconds(20));
				assertThat(info.get("priority").asString()).isEqualTo("info");
				assertThat(info.get("publisher_id").asString()).isEqualTo("compute.java1");
				assertThat(info.get("payload").get("state").asString()).isEqualTo("active");
				assertThat(info.get("ctxt").get("user_id").asString()).isEqualTo("u1");
				assertThat(info.get("ctxt").get("request_id").asString()).isEqualTo("req-9");
				assertThat(info.get("ctxt").has("auth_token")).isFalse();
				assertThat(info.get("metadata").get("message_id").asString()).matches("[0-9a-f-]{36}");
				assertThat(info.get("metadata").get("timestamp").asString())
					.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?");
				JsonNode warn = python.awaitLine(PythonServer.notification("compute.instance.slow"), Duration.ofSeconds(20));
				assertThat(warn.get("priority").asString()).isEqualTo("warn");
				JsonNode error = python.awaitLine(PythonServer.notification("compute.instance.failed"), Duration.ofSeconds(20));
				assertThat(error.get("payload").asString()).isEqualTo("just a string");
			}
		}

		/**
		 * Where a Python notifier puts the user id: 14.0.3 copies {@code user_id} from a dict context;
		 * 16 and later send an oslo.context {@code RequestContext}'s {@code to_dict()}, which calls it
		 * {@code user}.
		 */
		private String userIdKey() {
			return (this.cell.peer() == OsloPeer.OSLO_14) ? "user_id" : "user";
		}

	}

	/** Records every notification, whatever its priority. */
	public static class Recorder {

		final Queue<Notification<JsonNode>> received = new ConcurrentLinkedQueue<>();

		@OnNotification({ Priority.AUDIT, Priority.DEBUG, Priority.INFO, Priority.WARN, Priority.ERROR, Priority.CRITICAL,
				Priority.SAMPLE })
		public void record(Notification<JsonNode> notification) {
			this.received.add(notification);
		}

	}

}
