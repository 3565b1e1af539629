package io.oslo4j.messaging.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.Figures;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.ReplyRetry;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.transport.rabbit.RabbitDriver;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replies to a vanished caller never take a server's serving capacity (issue 14): hundreds of
 * well-formed calls naming one missing reply queue, among valid calls, against a server with a
 * small in-flight bound. Every valid call is answered; the replies to the missing queue are held
 * without holding in-flight slots, and probed one at a time.
 */
@ExtendWith(RabbitTestSupport.class)
class UndeliverableRepliesTests {

	private static final int ORPHANS = 500;

	private static final int VALID = 30;

	private String topic;

	private Transport serverTransport;

	private Transport clientTransport;

	private RpcServer server;

	@BeforeEach
	void start() {
		this.topic = "orphans-" + MessageIds.newHexId().substring(0, 10);
		this.serverTransport = Transport.open(RabbitTestSupport.url());
		this.clientTransport = Transport.open(RabbitTestSupport.url());
		this.server = RpcServer.builder(this.serverTransport, Target.topic(this.topic).withServer("s1"))
			.endpoint(new Echo())
			.executor(ExecutorKind.EVENTLET)
			.maxBlockingInFlight(4)
			.build();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.shutdown(Duration.ofSeconds(10));
		this.clientTransport.close();
		this.serverTransport.close();
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".s1"), List.of(this.topic + "_fanout"));
	}

	@Test
	void repliesToAMissingReplyQueueNeitherStarveValidCallsNorFloodTheBroker() {
		RpcClient client = RpcClient.create(this.clientTransport, Target.topic(this.topic))
			.withTimeout(Duration.ofSeconds(10));
		client.call(RequestContext.empty(), "echo", Map.of("value", "warm-up"), String.class);
		String missingQueue = "reply_" + MessageIds.newHexId();
		List<Mono<Tuple2<Long, String>>> validCalls = new ArrayList<>();
		long start = System.nanoTime();

		Flux.range(0, ORPHANS).concatMap((i) -> {
			if (i % (ORPHANS / VALID) == 0 && validCalls.size() < VALID) {
				Mono<Tuple2<Long, String>> call = client
					.callAsync(RequestContext.empty(), "echo", Map.of("value", "valid-" + i), String.class)
					.elapsed()
					.cache();
				call.subscribe(null, (error) -> {
				});
				validCalls.add(call);
			}
			return this.clientTransport.driver()
				.sendRequest(Target.topic(this.topic), OutgoingMessage.of(orphan(missingQueue)));
		}).blockLast();

		List<Tuple2<Long, String>> answers = Flux.concat(validCalls).collectList().block(Duration.ofSeconds(60));
		assertThat(answers).hasSize(VALID).allMatch((answer) -> answer.getT2().startsWith("valid-"));
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.server.inFlight() == 0);
		ReplyRetry.Counts counts = ((RabbitDriver) this.serverTransport.driver()).replyRetryCounts();
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(counts.held()).as("replies held for retry, without an in-flight slot").isPositive();
		assertThat(counts.probes()).as("probes to the one missing queue over %d ms", elapsedMillis)
			.isLessThanOrEqualTo(1 + elapsedMillis / ReplyRetry.INTERVAL.toMillis());
		long slowest = answers.stream().mapToLong(Tuple2::getT1).max().orElse(0);
		String figure = ORPHANS + " calls to a missing reply queue among " + VALID + " valid calls (rabbit://)";
		Figures.record(figure, "valid calls answered", answers.size() + " / " + VALID);
		Figures.record(figure, "slowest valid call", String.format("%.2f s", slowest / 1000.0));
		Figures.record(figure, "probes / held / dropped", counts.probes() + " / " + counts.held() + " / "
				+ counts.dropped() + " in " + String.format("%.1f s", elapsedMillis / 1000.0));
	}

	private byte[] orphan(String missingQueue) {
		ObjectNode call = this.clientTransport.envelope().mapper().createObjectNode().put("method", "echo");
		call.putObject("args").put("value", "orphan");
		call.put("_msg_id", MessageIds.newHexId())
			.put("_reply_q", missingQueue)
			.putNull("_timeout")
			.put("_unique_id", MessageIds.newHexId());
		return this.clientTransport.envelope().wrap(call);
	}

	/** Answers what it is given. */
	public static class Echo {

		/** Returns {@code value}. */
		public String echo(String value) {
			return value;
		}

	}

}
