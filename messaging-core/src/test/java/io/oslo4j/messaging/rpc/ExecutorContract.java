package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.testsupport.RecordingDriver;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The threading model, written once and run for each executor: which thread runs an endpoint
 * method, which publishes its reply, and what stopping a busy server keeps.
 */
abstract class ExecutorContract {

	protected Transport transport;

	protected RecordingDriver recording;

	protected RpcServer server;

	protected TestEndpoints.Conformance endpoint;

	protected String topic;

	abstract ExecutorKind kind();

	@BeforeEach
	void startServer() {
		this.recording = new RecordingDriver(Transport.open("fake:///" + MessageIds.newHexId()).driver());
		this.transport = Transport.of(this.recording);
		this.topic = "executor-" + MessageIds.newHexId().substring(0, 8);
		this.endpoint = new TestEndpoints.Conformance("s1");
		this.server = RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1"))
			.endpoint(this.endpoint)
			.executor(kind())
			.build();
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.shutdown(Duration.ofSeconds(10));
		this.transport.close();
	}

	RpcClient client() {
		return RpcClient.create(this.transport, Target.topic(this.topic)).withTimeout(Duration.ofSeconds(30));
	}

	@Test
	void aBlockingMethodRunsOnAWorkerAndItsReplyIsPublishedFromTheReplyScheduler() {
		client().call(RequestContext.empty(), "echo", Map.of("value", "x"));
		assertThat(this.endpoint.threads).singleElement().asString().startsWith("oslo4j-worker-");
		assertThat(this.recording.replyThreads()).singleElement().asString().startsWith("oslo4j-reply-");
	}

	@Test
	void aReactiveMethodsReplyIsPublishedFromTheReplyScheduler() {
		client().call(RequestContext.empty(), "sleep_reactive", Map.of("seconds", 0.05));
		assertThat(this.recording.replyThreads()).singleElement().asString().startsWith("oslo4j-reply-");
	}

	@Test
	void stoppingABusyServerLosesNoReply() {
		int calls = 40;
		Mono<List<Double>> replies = Flux.range(0, calls)
			.flatMap((i) -> client().callAsync(RequestContext.empty(), slowMethod(), Map.of("seconds", 0.5), Double.class),
					calls)
			.collectList()
			.cache();
		replies.subscribe();
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.server.inFlight() == calls);
		this.server.stop();
		assertThat(this.server.awaitTermination(Duration.ofSeconds(10))).isTrue();
		assertThat(replies.block(Duration.ofSeconds(10))).hasSize(calls).containsOnly(0.5);
	}

	/** The slow method whose callers {@link #stoppingABusyServerLosesNoReply} waits for. */
	abstract String slowMethod();

	/** Calls {@code method} {@code calls} times at once and returns the wall time of all of them. */
	Duration concurrently(int calls, String method, double seconds) {
		RpcClient client = client();
		long start = System.nanoTime();
		List<Double> results = Flux.range(0, calls)
			.flatMap((i) -> client.callAsync(RequestContext.empty(), method, Map.of("seconds", seconds), Double.class),
					calls)
			.collectList()
			.block();
		assertThat(results).hasSize(calls);
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
