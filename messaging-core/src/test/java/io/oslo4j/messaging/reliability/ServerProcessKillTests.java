package io.oslo4j.messaging.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.Figures;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An RPC server whose process is killed in the middle of calls. RPC is at most once, as in oslo:
 * a server acknowledges a request before it runs it, so the requests the dead server had taken
 * are gone; their callers time out cleanly, within their timeout, and no other server runs them.
 * Requests it had not taken yet go back to the queue, and the other server of the topic serves
 * them and every call after.
 */
@ExtendWith(RabbitTestSupport.class)
class ServerProcessKillTests {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

	private static final int CALLS = 16;

	private final Set<Integer> startedByTheDoomed = ConcurrentHashMap.newKeySet();

	private final Set<Integer> startedByTheSurvivor = ConcurrentHashMap.newKeySet();

	private String topic;

	private Transport transport;

	private RpcServer survivor;

	private @Nullable Process doomed;

	@BeforeEach
	void startServers() throws IOException {
		this.topic = "killed-" + MessageIds.newHexId().substring(0, 10);
		this.transport = Transport.open(RabbitTestSupport.url());
		this.survivor = RpcServer.builder(this.transport, Target.topic(this.topic).withServer("survivor"))
			.endpoint(new SlowService(this.startedByTheSurvivor::add))
			.executor(ExecutorKind.EVENTLET)
			.build();
		this.survivor.start();
		// its fanout and reply queues expire 5 s after it dies, not the default 30 minutes
		String url = RabbitTestSupport.url();
		this.doomed = startServerProcess(url + (url.contains("?") ? "&" : "?") + "rabbit_transient_queues_ttl=5");
	}

	@AfterEach
	void stopServers() throws InterruptedException {
		if (this.doomed != null) {
			this.doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		this.survivor.shutdown(Duration.ofSeconds(10));
		this.transport.close();
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".survivor", this.topic + ".doomed"),
				List.of(this.topic + "_fanout"));
	}

	@Test
	void callsTakenByAKilledServerTimeOutCleanlyAndTheOtherServerServesTheRest() throws InterruptedException {
		RpcClient client = RpcClient.create(this.transport, Target.topic(this.topic)).withTimeout(CALL_TIMEOUT);
		List<Outcome> outcomes = new ArrayList<>();
		Flux<Outcome> calls = Flux.range(0, CALLS).flatMap((seq) -> timed(client, seq), CALLS);
		Thread caller = new Thread(() -> outcomes.addAll(calls.collectList().block()), "callers");
		caller.start();

		await().atMost(10, TimeUnit.SECONDS).until(() -> !this.startedByTheDoomed.isEmpty());
		this.doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		caller.join(CALL_TIMEOUT.plusSeconds(5).toMillis());

		assertThat(outcomes).hasSize(CALLS).allSatisfy((outcome) -> {
			assertThat(outcome.duration()).as("call %s", outcome.seq()).isLessThan(CALL_TIMEOUT.plusSeconds(1));
			if (outcome.error() != null) {
				assertThat(outcome.error()).isInstanceOf(MessagingTimeoutException.class);
			}
		});
		List<Integer> lost = outcomes.stream().filter((outcome) -> outcome.error() != null).map(Outcome::seq).toList();
		assertThat(lost).as("calls the dead server had taken").isNotEmpty();
		assertThat(this.startedByTheSurvivor).as("at most once: nobody else runs them").doesNotContainAnyElementsOf(lost);

		long start = System.nanoTime();
		List<Outcome> after = Flux.range(CALLS, CALLS).flatMap((seq) -> timed(client, seq), CALLS).collectList().block();
		assertThat(after).allSatisfy((outcome) -> assertThat(outcome.error()).isNull());

		String figure = "server process killed";
		Figures.record(figure, "calls in flight, answered / timed out", (CALLS - lost.size()) + " / " + lost.size());
		Figures.record(figure, "slowest time-out", outcomes.stream()
			.filter((outcome) -> outcome.error() != null)
			.map(Outcome::duration)
			.max(Duration::compareTo)
			.orElseThrow());
		Figures.record(figure, CALLS + " calls after the kill, all answered by the survivor in",
				Duration.ofNanos(System.nanoTime() - start));
	}

	private static Mono<Outcome> timed(RpcClient client, int seq) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return client.callAsync(RequestContext.empty(), "slow", Map.of("seq", seq, "millis", 1500), Integer.class)
				.map((result) -> new Outcome(seq, Duration.ofNanos(System.nanoTime() - start), null))
				.onErrorResume((error) -> Mono.just(new Outcome(seq, Duration.ofNanos(System.nanoTime() - start), error)));
		});
	}

	private Process startServerProcess(String url) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), ServerProcess.class.getName(), url, this.topic, "doomed")
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		// the child logs to standard output too: only READY and STARTED lines count
		String line = lines.readLine();
		while (line != null && !line.equals("READY")) {
			line = lines.readLine();
		}
		assertThat(line).as("the server process started").isEqualTo("READY");
		Thread reader = new Thread(() -> {
			try {
				for (String next = lines.readLine(); next != null; next = lines.readLine()) {
					if (next.startsWith("STARTED ")) {
						this.startedByTheDoomed.add(Integer.parseInt(next.substring("STARTED ".length()).trim()));
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// the process died: what it printed is all it started
			}
		}, "server-process-output");
		reader.setDaemon(true);
		reader.start();
		return process;
	}

	private record Outcome(int seq, Duration duration, @Nullable Throwable error) {
	}

}
