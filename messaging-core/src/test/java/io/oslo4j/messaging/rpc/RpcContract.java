package io.oslo4j.messaging.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.InvalidTargetException;
import io.oslo4j.messaging.MessageUndeliverableException;
import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.RpcVersionCapException;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.RpcRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What an RPC client and server do for each other, written once and run on every transport. Each
 * test uses its own topic, so the suite can share a broker with other tests.
 */
public abstract class RpcContract {

	private final List<RpcServer> servers = new ArrayList<>();

	protected Transport transport;

	protected String topic;

	/** A transport URL; every call may return a new one or the same broker. */
	protected abstract String transportUrl();

	@BeforeEach
	void openTransport() {
		this.transport = Transport.open(transportUrl());
		this.topic = "rpc-" + MessageIds.newHexId().substring(0, 12);
	}

	@AfterEach
	void closeTransport() {
		this.servers.forEach((server) -> server.shutdown(Duration.ofSeconds(10)));
		this.transport.close();
	}

	protected TestEndpoints.Conformance startServer(String name, ExecutorKind kind, Object... more) {
		TestEndpoints.Conformance endpoint = new TestEndpoints.Conformance(name);
		RpcServer server = RpcServer.builder(this.transport, Target.topic(this.topic).withServer(name))
			.endpoint(endpoint)
			.endpoints(more)
			.executor(kind)
			.build();
		server.start();
		this.servers.add(server);
		return endpoint;
	}

	protected RpcClient client() {
		return RpcClient.create(this.transport, Target.topic(this.topic)).withTimeout(Duration.ofSeconds(10));
	}

	@Test
	void aCallReturnsTheMethodsResult() {
		startServer("s1", ExecutorKind.EVENTLET);
		assertThat(client().call(RequestContext.empty(), "add", Map.of("a", 2, "b", 3), Long.class)).isEqualTo(5L);
	}

	@Test
	void theContextTravelsToTheEndpointWithTheClientTimeout() {
		startServer("s1", ExecutorKind.EVENTLET);
		RequestContext context = RequestContext.of(Map.of("user_id", "u1", "roles", List.of("admin")));
		JsonNode seen = client().call(context, "context", Map.of());
		assertThat(seen.get("user_id").asString()).isEqualTo("u1");
		assertThat(seen.get("roles").get(0).asString()).isEqualTo("admin");
		assertThat(seen.has("client_timeout")).isTrue();
		assertThat(seen.get("client_timeout").isNull()).isTrue();
	}

	@Test
	void falsyResultsComeBackAsThemselves() {
		startServer("s1", ExecutorKind.EVENTLET);
		RpcClient client = client();
		assertThat(client.call(RequestContext.empty(), "falsy", Map.of("kind", "none")).isNull()).isTrue();
		assertThat(client.call(RequestContext.empty(), "falsy", Map.of("kind", "zero")).asInt()).isZero();
		assertThat(client.call(RequestContext.empty(), "falsy", Map.of("kind", "false")).isBoolean()).isTrue();
		assertThat(client.call(RequestContext.empty(), "falsy", Map.of("kind", "list")).isEmpty()).isTrue();
		assertThat(client.call(RequestContext.empty(), "falsy", Map.of("kind", "dict")).isObject()).isTrue();
		assertThat(client.call(RequestContext.empty(), "falsy", Map.of("kind", "string")).asString()).isEmpty();
	}

	@Test
	void unicodeNestedObjectsAndLargeIntegersRoundTrip() {
		startServer("s1", ExecutorKind.EVENTLET);
		Map<String, Object> value = Map.of("name", "héllo ☃ 日本", "nested", Map.of("list", List.of(1, List.of(2, 3))),
				"big", new java.math.BigInteger("123456789012345678901234567890"));
		JsonNode echoed = client().call(RequestContext.empty(), "echo", Map.of("value", value));
		assertThat(echoed.get("name").asString()).isEqualTo("héllo ☃ 日本");
		assertThat(echoed.get("nested").get("list").get(1).get(1).asInt()).isEqualTo(3);
		assertThat(echoed.get("big").bigIntegerValue()).hasToString("123456789012345678901234567890");
	}

	@Test
	void voidEmptyMonoAndCompletionStageMethodsReply() {
		startServer("s1", ExecutorKind.GREENIO);
		RpcClient client = client();
		assertThat(client.call(RequestContext.empty(), "record", Map.of("value", "x")).isNull()).isTrue();
		assertThat(client.call(RequestContext.empty(), "empty_mono", Map.of()).isNull()).isTrue();
		assertThat(client.call(RequestContext.empty(), "future", Map.of("value", "abc"), String.class)).isEqualTo("ABC");
		assertThat(client.callAsync(RequestContext.empty(), "echo_reactive", Map.of("value", "r"), String.class).block())
			.isEqualTo("r");
	}

	@Test
	void anAsynchronousCallSendsOnSubscriptionAndEmitsItsResultOnce() {
		startServer("s1", ExecutorKind.GREENIO);
		TestEndpoints.Conformance endpoint = startServer("s2", ExecutorKind.GREENIO);
		Mono<String> call = client().withServer("s2").callAsync(RequestContext.empty(), "echo", Map.of("value", "lazy"),
				String.class);
		assertThat(endpoint.threads).isEmpty();
		StepVerifier.create(call).expectNext("lazy").verifyComplete();
		StepVerifier.create(call).expectNext("lazy").verifyComplete();
		assertThat(endpoint.threads).hasSize(2);
	}

	@Test
	void anAsynchronousCallSignalsTheRemoteFailureAndTheTimeout() {
		startServer("s1", ExecutorKind.GREENIO);
		StepVerifier.create(client().callAsync(RequestContext.empty(), "fail", Map.of("message", "no")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RemoteException.class).hasMessageContaining("no"))
			.verify(Duration.ofSeconds(10));
		StepVerifier.create(client().withTimeout(Duration.ofMillis(200)).withServer("nobody")
			.callAsync(RequestContext.empty(), "echo", Map.of("value", 1)))
			.expectError(MessagingTimeoutException.class)
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void aCastReachesOneServerAndReturnsWithoutAReply() {
		TestEndpoints.Conformance endpoint = startServer("s1", ExecutorKind.EVENTLET);
		client().cast(RequestContext.empty(), "record", Map.of("value", "cast-1"));
		await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(endpoint.castValues).containsExactly("cast-1"));
	}

	@Test
	void aDirectedCallReachesOnlyThatServer() {
		startServer("s1", ExecutorKind.EVENTLET);
		startServer("s2", ExecutorKind.EVENTLET);
		RpcClient toS2 = client().withServer("s2");
		for (int i = 0; i < 10; i++) {
			assertThat(toS2.call(RequestContext.empty(), "whoami", Map.of(), String.class)).isEqualTo("s2");
		}
	}

	@Test
	void callsToATopicAreSharedAmongItsServers() {
		startServer("s1", ExecutorKind.EVENTLET);
		startServer("s2", ExecutorKind.EVENTLET);
		List<String> answeredBy = Flux.range(0, 20)
			.concatMap((i) -> client().callAsync(RequestContext.empty(), "whoami", Map.of(), String.class))
			.collectList()
			.block();
		assertThat(answeredBy).contains("s1", "s2");
	}

	@Test
	void aFanoutCastReachesEveryServer() {
		TestEndpoints.Conformance s1 = startServer("s1", ExecutorKind.EVENTLET);
		TestEndpoints.Conformance s2 = startServer("s2", ExecutorKind.GREENIO);
		client().withFanout(true).cast(RequestContext.empty(), "record", Map.of("value", "all"));
		await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
			assertThat(s1.castValues).containsExactly("all");
			assertThat(s2.castValues).containsExactly("all");
		});
	}

	@Test
	void aCallCannotFanOutAndFailsBeforeSending() {
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> client().withFanout(true).call(RequestContext.empty(), "echo", Map.of("value", 1)))
			.withMessageContaining("A call cannot be used with fanout");
	}

	@Test
	void aCallNobodyServesTimesOutWithinItsTimeout() {
		long start = System.nanoTime();
		assertThatExceptionOfType(MessagingTimeoutException.class)
			.isThrownBy(() -> client().withTimeout(Duration.ofMillis(500)).call(RequestContext.empty(), "echo",
					Map.of("value", 1)))
			.withMessageStartingWith("Timed out waiting for a reply to message ID ");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
	}

	@Test
	void aTimeoutOfZeroTimesOutAtOnce() {
		startServer("s1", ExecutorKind.EVENTLET);
		assertThatExceptionOfType(MessagingTimeoutException.class).isThrownBy(() -> client().withTimeout(Duration.ZERO)
			.call(RequestContext.empty(), "sleep", Map.of("seconds", 1)));
	}

	@Test
	void aSlowMethodBeyondTheTimeoutTimesOut() {
		startServer("s1", ExecutorKind.GREENIO);
		assertThatExceptionOfType(MessagingTimeoutException.class).isThrownBy(() -> client()
			.withTimeout(Duration.ofMillis(300))
			.call(RequestContext.empty(), "sleep_reactive", Map.of("seconds", 2)));
	}

	@Test
	void anUnroutableMandatoryRequestFailsFast() {
		assertThatExceptionOfType(MessageUndeliverableException.class)
			.isThrownBy(() -> client().withAtLeastOnce(true).withServer("nobody").call(RequestContext.empty(), "echo",
					Map.of("value", 1)));
	}

	@Test
	void theVersionCapIsCheckedBeforeSending() {
		RpcClient capped = client().withVersionCap("1.2");
		assertThatExceptionOfType(RpcVersionCapException.class)
			.isThrownBy(() -> capped.withVersion("1.3").cast(RequestContext.empty(), "echo", Map.of()));
		assertThatExceptionOfType(RpcVersionCapException.class)
			.isThrownBy(() -> capped.cast(RequestContext.empty(), "echo", Map.of()));
		assertThat(capped.canSendVersion("1.1")).isTrue();
		assertThat(capped.canSendVersion("2.0")).isFalse();
	}

	@Test
	void namespacesAndVersionsSelectTheEndpoint() {
		startServer("s1", ExecutorKind.EVENTLET, new TestEndpoints.Versioned());
		RpcClient ns1 = client().withNamespace("ns1");
		assertThat(ns1.withVersion("1.3").call(RequestContext.empty(), "versioned", Map.of(), String.class))
			.isEqualTo("ns1-1.3");
		assertThat(ns1.withVersion("1.1").call(RequestContext.empty(), "versioned", Map.of(), String.class))
			.isEqualTo("ns1-1.3");
		assertThatExceptionOfType(UnsupportedVersionException.class)
			.isThrownBy(() -> ns1.withVersion("1.4").call(RequestContext.empty(), "versioned", Map.of()));
		assertThatExceptionOfType(UnsupportedVersionException.class)
			.isThrownBy(() -> ns1.withVersion("2.0").call(RequestContext.empty(), "versioned", Map.of()))
			.satisfies((ex) -> assertThat(ex.getExcType()).isEqualTo("UnsupportedVersion"));
		assertThatExceptionOfType(UnsupportedVersionException.class)
			.isThrownBy(() -> client().withNamespace("unknown").call(RequestContext.empty(), "versioned", Map.of()));
		assertThatExceptionOfType(NoSuchRpcMethodException.class)
			.isThrownBy(() -> client().call(RequestContext.empty(), "versioned", Map.of()));
	}

	@Test
	void aJavaExceptionArrivesAsARemoteExceptionWithTypeModuleAndMessage() {
		startServer("s1", ExecutorKind.EVENTLET);
		assertThatExceptionOfType(RemoteException.class)
			.isThrownBy(() -> client().call(RequestContext.empty(), "fail", Map.of("message", "boom")))
			.satisfies((ex) -> {
				assertThat(ex.getExcType()).isEqualTo("IllegalStateException");
				assertThat(ex.getModule()).isEqualTo("java.lang");
				assertThat(ex.getValue()).isEqualTo("boom");
				assertThat(ex.getTraceback()).isNotEmpty().allMatch((line) -> line.endsWith("\n"));
				assertThat(ex.getMessage()).startsWith("Remote error: IllegalStateException boom");
			});
	}

	@Test
	void anAllowedExceptionTypeIsRebuilt() {
		startServer("s1", ExecutorKind.EVENTLET, new TestEndpoints.Quota());
		RpcClient client = RpcClient.builder(this.transport, Target.topic(this.topic))
			.allowedRemoteExceptions(TestEndpoints.QuotaExceededException.class)
			.build();
		assertThatExceptionOfType(TestEndpoints.QuotaExceededException.class)
			.isThrownBy(() -> client.call(RequestContext.empty(), "reserve", Map.of("count", 3)))
			.withMessage("quota exceeded by 3");
		assertThatExceptionOfType(RemoteException.class)
			.isThrownBy(() -> client().call(RequestContext.empty(), "reserve", Map.of("count", 3)))
			.satisfies((ex) -> assertThat(ex.getExcType()).isEqualTo("QuotaExceededException"));
	}

	@Test
	void anExpectedExceptionStillReachesTheCaller() {
		startServer("s1", ExecutorKind.EVENTLET);
		assertThatExceptionOfType(RemoteException.class)
			.isThrownBy(() -> client().call(RequestContext.empty(), "validate", Map.of("size", -1)))
			.satisfies((ex) -> assertThat(ex.getExcType()).isEqualTo("IllegalArgumentException"));
	}

	@Test
	void argumentsThatDoNotBindArriveAsTypeError() {
		startServer("s1", ExecutorKind.EVENTLET);
		assertThatExceptionOfType(RemoteException.class)
			.isThrownBy(() -> client().call(RequestContext.empty(), "add", Map.of("a", 1)))
			.satisfies((ex) -> {
				assertThat(ex.getExcType()).isEqualTo("TypeError");
				assertThat(ex.getModule()).isEqualTo("builtins");
				assertThat(ex.getValue()).contains("missing 1 required positional argument: 'b'");
			});
	}

	@Test
	void heartbeatsKeepALongCallAliveBeyondTheCallMonitorTimeout() {
		startServer("s1", ExecutorKind.GREENIO);
		RpcClient monitored = client().withCallMonitorTimeout(Duration.ofSeconds(2)).withTimeout(Duration.ofSeconds(10));
		assertThat(monitored.call(RequestContext.empty(), "sleep_reactive", Map.of("seconds", 3.5), Double.class))
			.isEqualTo(3.5);
	}

	@Test
	void withoutHeartbeatsACallFailsAtTheCallMonitorTimeoutNotTheOverallOne() {
		this.transport.driver().listen(Target.topic(this.topic).withServer("mute"), (delivery) -> delivery.ack());
		long start = System.nanoTime();
		assertThatExceptionOfType(MessagingTimeoutException.class).isThrownBy(() -> client()
			.withCallMonitorTimeout(Duration.ofMillis(500))
			.withTimeout(Duration.ofSeconds(30))
			.call(RequestContext.empty(), "echo", Map.of("value", 1)))
			.withMessageContaining("call monitor");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aDuplicateRequestIsServedOnce() {
		TestEndpoints.Conformance endpoint = startServer("s1", ExecutorKind.EVENTLET);
		RpcRequest cast = new RpcRequest("record", this.transport.envelope().mapper().valueToTree(Map.of("value", "once")),
				null, null, null, null, null, MessageIds.newHexId(), RequestContext.empty());
		byte[] body = this.transport.envelope().wrap(cast.toJson(this.transport.envelope().mapper()));
		Target target = Target.topic(this.topic);
		this.transport.driver().sendRequest(target, OutgoingMessage.of(body)).block();
		this.transport.driver().sendRequest(target, OutgoingMessage.of(body)).block();
		client().cast(RequestContext.empty(), "record", Map.of("value", "after"));
		await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(endpoint.castValues).contains("after"));
		assertThat(endpoint.castValues).containsOnlyOnce("once");
	}

	@Test
	void aMalformedMessageIsRejectedAndTheServerKeepsServing() {
		startServer("s1", ExecutorKind.EVENTLET);
		Target target = Target.topic(this.topic);
		this.transport.driver().sendRequest(target, OutgoingMessage.of("not json".getBytes(StandardCharsets.UTF_8))).block();
		this.transport.driver()
			.sendRequest(target, OutgoingMessage.of("{\"oslo.version\": \"2.1\", \"oslo.message\": \"{}\"}".getBytes(StandardCharsets.UTF_8)))
			.block();
		assertThat(client().call(RequestContext.empty(), "echo", Map.of("value", "still here"), String.class))
			.isEqualTo("still here");
	}

	@Test
	void aMalformedCallThatNamesItsReplyQueueIsAnsweredWithAnError() {
		startServer("s1", ExecutorKind.EVENTLET);
		RpcClient client = client();
		assertThatExceptionOfType(RemoteException.class)
			.isThrownBy(() -> client.call(RequestContext.empty(), "echo", Map.of("value", 1, "extra", 2)))
			.satisfies((ex) -> assertThat(ex.getExcType()).isEqualTo("TypeError"));
	}

	@Test
	void anotherExchangeIsAnotherWorld() {
		RpcServer server = RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1").withExchange("nova"))
			.endpoint(new TestEndpoints.Conformance("nova-s1"))
			.build();
		server.start();
		this.servers.add(server);
		assertThat(client().withExchange("nova").call(RequestContext.empty(), "whoami", Map.of(), String.class))
			.isEqualTo("nova-s1");
		assertThatExceptionOfType(MessagingTimeoutException.class).isThrownBy(() -> client().withExchange("glance")
			.withTimeout(Duration.ofMillis(300))
			.call(RequestContext.empty(), "whoami", Map.of()));
	}

	@Test
	void aServerWithoutAServerNameCannotStart() {
		RpcServer server = RpcServer.builder(this.transport, Target.topic(this.topic)).endpoint(new Object()).build();
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(server::start);
	}

	@Test
	void startStopAndAwaitAreIdempotentAndAServerCanStartAgain() {
		RpcServer server = RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1"))
			.endpoint(new TestEndpoints.Conformance("s1"))
			.build();
		this.servers.add(server);
		server.start();
		server.start();
		assertThat(server.isRunning()).isTrue();
		server.stop();
		server.stop();
		assertThat(server.awaitTermination(Duration.ofSeconds(5))).isTrue();
		assertThat(server.awaitTermination(Duration.ofSeconds(5))).isTrue();
		assertThat(server.isRunning()).isFalse();
		assertThatExceptionOfType(MessagingTimeoutException.class).isThrownBy(
				() -> client().withTimeout(Duration.ofMillis(300)).call(RequestContext.empty(), "whoami", Map.of()));
		server.start();
		assertThat(client().withServer("s1").call(RequestContext.empty(), "whoami", Map.of(), String.class))
			.isEqualTo("s1");
	}

}
