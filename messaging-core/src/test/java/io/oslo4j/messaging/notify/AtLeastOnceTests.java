package io.oslo4j.messaging.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications are acknowledged after they are handled, so none is lost when a listener stops or
 * its process dies in the middle of a stream: what was not acknowledged is delivered again.
 */
@ExtendWith(RabbitTestSupport.class)
class AtLeastOnceTests {

	private static final int COUNT = 1000;

	private final Set<Integer> handled = ConcurrentHashMap.newKeySet();

	private String topic;

	private Transport transport;

	private MessagingExecutor executor;

	@BeforeEach
	void open() {
		this.topic = "at-least-once-" + MessageIds.newHexId().substring(0, 10);
		this.transport = Transport.open(RabbitTestSupport.url());
		this.executor = MessagingExecutors.create(ExecutorKind.GREENIO);
	}

	@AfterEach
	void close() {
		this.executor.disposeGracefully().block(Duration.ofSeconds(10));
		this.transport.close();
	}

	@Test
	void aListenerStoppedAndRestartedInTheMiddleOfAThousandNotificationsHandlesEveryOne() {
		NotificationListener listener = listener();
		listener.start();
		publishInBackground();
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.handled.size() >= COUNT / 3);
		listener.stop();
		assertThat(listener.awaitTermination(Duration.ofSeconds(30))).isTrue();
		int beforeRestart = this.handled.size();
		listener.start();
		await().atMost(60, TimeUnit.SECONDS).until(() -> this.handled.size() == COUNT);
		assertThat(beforeRestart).isLessThan(COUNT);
		listener.awaitTermination(Duration.ofSeconds(10));
	}

	@Test
	void aListenerWhoseProcessIsKilledInTheMiddleLosesNoNotification() throws Exception {
		Process doomed = startListenerProcess();
		try {
			publishInBackground();
			await().atMost(30, TimeUnit.SECONDS).until(() -> this.handled.size() >= COUNT / 4);
		}
		finally {
			doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		int handledByTheDead = this.handled.size();
		NotificationListener survivor = listener();
		survivor.start();
		await().atMost(60, TimeUnit.SECONDS).until(() -> this.handled.size() == COUNT);
		assertThat(handledByTheDead).isLessThan(COUNT);
		survivor.awaitTermination(Duration.ofSeconds(10));
	}

	private NotificationListener listener() {
		return NotificationListener.builder(this.transport)
			.target(Target.topic(this.topic))
			.endpoint(new Recorder(this.handled))
			.executor(this.executor)
			.build();
	}

	private void publishInBackground() {
		Flux.range(0, COUNT).concatMap(this::publish).subscribeOn(Schedulers.boundedElastic()).subscribe();
	}

	private reactor.core.publisher.Mono<Void> publish(int seq) {
		Notifier notifier = Notifier.builder(this.transport).publisherId("test").topics(this.topic).build();
		return notifier.send(Priority.INFO, RequestContext.empty(), "seq", Map.of("seq", seq));
	}

	private Process startListenerProcess() throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				ListenerProcess.class.getName(), RabbitTestSupport.url(), this.topic)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String first = lines.readLine();
		assertThat(first).isEqualTo("READY");
		Thread reader = new Thread(() -> {
			try {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					this.handled.add(Integer.parseInt(line.trim()));
				}
			}
			catch (IOException | NumberFormatException ex) {
				// the process died: what it printed is all it handled
			}
		}, "listener-process-output");
		reader.setDaemon(true);
		reader.start();
		return process;
	}

	/** Records the sequence number of every notification handled. */
	public static class Recorder {

		private final Set<Integer> handled;

		Recorder(Set<Integer> handled) {
			this.handled = handled;
		}

		public void info(JsonNode payload) {
			this.handled.add(payload.get("seq").asInt());
		}

	}

}
