package io.oslo4j.messaging.rpc;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import ch.qos.logback.classic.Level;
import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.testsupport.Figures;
import io.oslo4j.messaging.testsupport.LogCapture;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.RemoteFailure;
import io.oslo4j.messaging.wire.RpcReply;
import io.oslo4j.messaging.wire.WireLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Bad input never stops a server: malformed messages of every kind, interleaved with valid calls,
 * are rejected or answered with an error, and every valid call is served; threads and heap stay
 * flat. Written once for every transport. The server reads with a 4 MiB body limit.
 */
public abstract class MalformedInputContract {

	private static final int MALFORMED = 10_000;

	private static final WireLimits SERVER_LIMITS = WireLimits.defaults().withMaxBodyBytes(4 * 1024 * 1024);

	private static final int TEN_MEGABYTES = 10 * 1024 * 1024;

	private Transport transport;

	private RpcServer server;

	private String topic;

	private final Map<String, RpcReply> replies = new ConcurrentHashMap<>();

	private String replyQueue;

	protected abstract String transportUrl();

	@BeforeEach
	void start() {
		String url = transportUrl();
		this.transport = Transport.open(url, SERVER_LIMITS);
		this.topic = "fuzz-" + MessageIds.newHexId().substring(0, 12);
		this.server = RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1"))
			.endpoint(new TestEndpoints.Conformance("s1"))
			.executor(ExecutorKind.GREENIO)
			.build();
		this.server.start();
		Transport probe = Transport.open(url);
		this.replyQueue = probe.driver().startReplyConsumer(this::collect);
		this.closeables.add(probe);
	}

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		this.server.shutdown(Duration.ofSeconds(10));
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.transport.close();
	}

	@Test
	void tenThousandMalformedMessagesNeitherStopTheServerNorDelayValidCalls() {
		Random random = new Random(42);
		RpcClient client = RpcClient.create(this.transport, Target.topic(this.topic)).withTimeout(Duration.ofSeconds(30));
		List<Mono<String>> validCalls = new ArrayList<>();
		List<Function<Random, byte[]>> generators = generators();
		Flux.range(0, 200)
			.flatMap((i) -> client.callAsync(RequestContext.empty(), "echo", Map.of("value", i)), 200)
			.blockLast();
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		long heapBefore = heapAfterGc();
		Flux.range(0, MALFORMED).concatMap((i) -> {
			if (i % 100 == 0) {
				validCalls.add(client.callAsync(RequestContext.empty(), "echo", Map.of("value", "valid-" + i), String.class)
					.cache());
				validCalls.get(validCalls.size() - 1).subscribe();
			}
			byte[] body = generators.get(i % generators.size()).apply(random);
			return this.transport.driver().sendRequest(Target.topic(this.topic), OutgoingMessage.of(body));
		}).blockLast();
		List<String> results = Flux.concat(validCalls).collectList().block(Duration.ofSeconds(60));
		assertThat(results).hasSize(MALFORMED / 100).allMatch((result) -> result.startsWith("valid-"));
		assertThat(this.server.isRunning()).isTrue();
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.server.inFlight() == 0);
		int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
		long heapAfter = heapAfterGc();
		assertThat(threadsAfter).isLessThan(threadsBefore + 20);
		assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes").isLessThan(32L * 1024 * 1024);
		String figure = MALFORMED + " malformed messages on " + TransportUrl.parse(transportUrl()).driver() + "://";
		Figures.record(figure, "threads before / after", threadsBefore + " / " + threadsAfter);
		Figures.record(figure, "heap after GC before / after", heapBefore / (1024 * 1024) + " MiB / "
				+ heapAfter / (1024 * 1024) + " MiB");
	}

	@Test
	void tenMegabyteBodiesAreRejectedWithTheLimitNamedAndTheServerKeepsServing() {
		RpcClient client = RpcClient.create(this.transport, Target.topic(this.topic)).withTimeout(Duration.ofSeconds(10));
		byte[] garbage = new byte[TEN_MEGABYTES];
		new Random(7).nextBytes(garbage);
		try (LogCapture logs = LogCapture.of(Level.WARN, RequestHandler.class.getName())) {
			this.transport.driver().sendRequest(Target.topic(this.topic), OutgoingMessage.of(garbage)).block();
			assertThatExceptionOfType(MessagingTimeoutException.class).isThrownBy(() -> client.withTimeout(Duration.ofSeconds(3))
				.call(RequestContext.empty(), "echo", Map.of("value", "x".repeat(TEN_MEGABYTES))));
			assertThat(client.call(RequestContext.empty(), "echo", Map.of("value", "after"), String.class)).isEqualTo("after");
			assertThat(logs.text()).contains("Rejecting a message that is not an oslo RPC request: message body of "
					+ TEN_MEGABYTES + " bytes exceeds the limit of 4194304 bytes (WireLimits.maxBodyBytes)");
			assertThat(logs.text().split("exceeds the limit of 4194304 bytes \\(WireLimits.maxBodyBytes\\)", -1))
				.as("the garbage and the call too large").hasSize(3);
		}
		String big = "x".repeat(3 * 1024 * 1024);
		assertThat(client.call(RequestContext.empty(), "echo", Map.of("value", big), String.class)).isEqualTo(big);
	}

	@Test
	void malformedCallsThatNameTheirReplyQueueAreAnsweredWithATypeError() {
		JsonMapper mapper = this.transport.envelope().mapper();
		Map<String, ObjectNode> calls = Map.ofEntries(Map.entry("args-not-object", call(mapper).put("args", "text")),
				Map.entry("method-not-string", call(mapper).put("method", 42)),
				Map.entry("no-method", call(mapper).without("method")),
				Map.entry("timeout-not-number", call(mapper).put("_timeout", "soon")),
				Map.entry("unbindable-args", call(mapper).set("args", args(mapper).put("a", "not a number"))),
				Map.entry("missing-arg", call(mapper).set("args", args(mapper).without("b"))),
				Map.entry("unexpected-arg", call(mapper).set("args", args(mapper).put("c", 3))),
				Map.entry("null-for-primitive", call(mapper).set("args", args(mapper).putNull("a"))),
				Map.entry("object-for-number", call(mapper).set("args", args(mapper).set("a", mapper.createObjectNode()))),
				Map.entry("list-for-number", call(mapper).set("args", args(mapper).set("a", mapper.createArrayNode().add(1)))),
				Map.entry("number-overflow", call(mapper).set("args",
						args(mapper).put("a", new java.math.BigInteger("123456789012345678901234567890")))),
				Map.entry("fraction-for-integer", call(mapper).set("args", args(mapper).put("a", 1.5))),
				Map.entry("nan-for-integer", call(mapper).set("args", args(mapper).put("a", Double.NaN))));
		calls.forEach((msgId, inner) -> {
			inner.put("_msg_id", msgId);
			this.transport.driver()
				.sendRequest(Target.topic(this.topic), OutgoingMessage.of(this.transport.envelope().wrap(inner)))
				.block();
		});
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.replies.keySet().containsAll(calls.keySet()));
		calls.keySet().forEach((msgId) -> {
			RpcReply reply = this.replies.get(msgId);
			assertThat(reply.ending()).as(msgId).isTrue();
			assertThat(reply.failure()).as("%s answered %s", msgId, reply.result()).isNotNull();
			RemoteFailure failure = RemoteFailure.parse(mapper, reply.failure());
			assertThat(failure.className()).as(msgId).isEqualTo("TypeError");
		});
	}

	private static ObjectNode args(JsonMapper mapper) {
		return mapper.createObjectNode().put("a", 1).put("b", 2);
	}

	private ObjectNode call(JsonMapper mapper) {
		ObjectNode call = mapper.createObjectNode().put("method", "add");
		call.putObject("args").put("a", 1).put("b", 2);
		return call.put("_reply_q", this.replyQueue).putNull("_timeout").put("_unique_id", MessageIds.newHexId());
	}

	private void collect(Delivery delivery) {
		JsonMapper mapper = this.transport.envelope().mapper();
		RpcReply reply = RpcReply.fromJson(mapper,
				this.transport.envelope().unwrap(delivery.body(), delivery.contentType(), delivery.headers()));
		this.replies.put(reply.msgId(), reply);
	}

	private static List<Function<Random, byte[]>> generators() {
		return List.of((random) -> {
			byte[] bytes = new byte[1 + random.nextInt(200)];
			random.nextBytes(bytes);
			return bytes;
		}, (random) -> utf8("not json " + random.nextInt()), (random) -> utf8("[1, 2, 3]"),
				(random) -> utf8("{\"oslo.version\": \"2.1\", \"oslo.message\": \"{}\"}"),
				(random) -> utf8("{\"oslo.version\": \"1.0\", \"oslo.message\": \"{}\"}"),
				(random) -> utf8("{\"oslo.version\": \"2.0\", \"oslo.message\": {\"method\": \"echo\"}}"),
				(random) -> utf8("{\"oslo.version\": \"2.0\", \"oslo.message\": \"not json\"}"),
				(random) -> utf8("{\"method\": 17, \"args\": {}}"), (random) -> utf8("{\"method\": \"echo\", \"args\": []}"),
				(random) -> utf8("{\"method\": \"echo\", \"args\": {\"value\": 1}, \"_msg_id\": 5, \"_reply_q\": []}"),
				(random) -> utf8("{\"method\": \"nope\", \"args\": {}}"),
				(random) -> utf8("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)),
				(random) -> utf8("{\"method\": \"echo\", \"args\": {\"value\": \"" + "x".repeat(random.nextInt(2000)) + "\"}"));
	}

	private static long heapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			memory.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
