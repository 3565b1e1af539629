package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.server.Gates;
import io.oslo4j.messaging.server.RpcServerContract;
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
 * The threading model as an RPC server shows it, written once and run for each executor: which
 * thread runs an endpoint method, which publishes its reply, how many calls are inside at once,
 * and what stopping a busy server keeps. (The executors themselves, called directly, have their
 * contract in {@code io.oslo4j.messaging.executor.ExecutorContract}.)
 */
abstract class ExecutorContract {

	protected Transport transport;

	protected RecordingDriver recording;

	protected RpcServer server;

	protected TestEndpoints.Conformance endpoint;

	protected Gates gates;

	protected String topic;

	abstract ExecutorKind kind();

	@BeforeEach
	void startServer() {
		this.recording = new RecordingDriver(Transport.open("fake:///" + MessageIds.newHexId()).driver());
		this.transport = Transport.of(this.recording);
		this.topic = "executor-" + MessageIds.newHexId().substring(0, 8);
		this.endpoint = new TestEndpoints.Conformance("s1");
		this.gates = new Gates();
		this.server = RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1"))
			.endpoints(this.endpoint, new RpcServerContract.GatedEndpoint(this.gates))
			.executor(kind())
			.build();
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.gates.blocking.open();
		this.gates.reactive.open();
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
	void aCallIsHandedOverTwiceOnTheServerAndNotAtAllBetweenTheReplyConsumerAndTheCaller() {
		Queue<String> signalled = new ConcurrentLinkedQueue<>();
		client().callAsync(RequestContext.empty(), "echo", Map.of("value", "x"))
			.doOnNext((result) -> signalled.add(Thread.currentThread().getName()))
			.block(Duration.ofSeconds(30));
		// server: decoded on the consumer thread, run on one worker, answered from one reply thread
		assertThat(this.recording.requestDeliveryThreads()).singleElement().asString().startsWith("oslo4j-fake-");
		assertThat(this.endpoint.threads).singleElement().asString().startsWith("oslo4j-worker-");
		assertThat(this.recording.replyThreads()).singleElement().asString().startsWith("oslo4j-reply-");
		// client: the thread that received the reply is the one that completes the call
		assertThat(this.recording.replyDeliveryThreads()).singleElement().isEqualTo(signalled.peek());
		assertThat(signalled).hasSize(1);
	}

	@Test
	void aReactiveMethodsReplyIsPublishedFromTheReplyScheduler() {
		client().call(RequestContext.empty(), "sleep_reactive", Map.of("seconds", 0.05));
		assertThat(this.recording.replyThreads()).singleElement().asString().startsWith("oslo4j-reply-");
	}

	@Test
	void stoppingABusyServerLosesNoReply() {
		int calls = 40;
		Mono<List<Integer>> replies = calls(calls, "reactive");
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.server.inFlight() == calls);
		this.server.stop();
		this.gates.reactive.open();
		assertThat(this.server.awaitTermination(Duration.ofSeconds(10))).isTrue();
		assertThat(replies.block(Duration.ofSeconds(10))).hasSize(calls);
	}

	/**
	 * Calls the gated reactive method {@code calls} times at once, waits until {@code inside} of
	 * them are inside at the same moment, opens the gate, and returns the threads they ran on.
	 */
	Queue<String> gatedReactiveCalls(int calls, int inside) {
		Mono<List<Integer>> replies = calls(calls, "reactive");
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.gates.reactive.inside.get() == inside);
		this.gates.reactive.open();
		assertThat(replies.block(Duration.ofSeconds(30))).hasSize(calls);
		assertThat(this.gates.reactive.mostInside).hasValue(inside);
		return this.gates.reactive.threads;
	}

	private Mono<List<Integer>> calls(int calls, String method) {
		RpcClient client = client();
		Mono<List<Integer>> replies = Flux.range(0, calls)
			.flatMap((i) -> client.callAsync(RequestContext.empty(), method, Map.of("i", i), Integer.class), calls)
			.collectList()
			.cache();
		replies.subscribe();
		return replies;
	}

}
