package io.oslo4j.messaging.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.Figures;
import io.oslo4j.messaging.testsupport.QueueCounts;
import io.oslo4j.messaging.testsupport.RabbitCtl;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow consumer does not make anyone buffer without bound: with {@code rabbit_qos_prefetch_count}
 * set, the broker holds the backlog, a server or listener holds no more unacknowledged messages
 * than the prefetch count, and its in-flight bound caps what runs and waits.
 */
@ExtendWith(RabbitTestSupport.class)
class SlowConsumerTests {

	private static final int PREFETCH = 10;

	private static final int MESSAGES = 200;

	private String topic;

	private Transport transport;

	@BeforeEach
	void open() {
		RabbitCtl.assumeAvailable();
		this.topic = "slow-" + MessageIds.newHexId().substring(0, 10);
		this.transport = Transport.open(RabbitTestSupport.url(Map.of("rabbit_qos_prefetch_count",
				Integer.toString(PREFETCH))));
	}

	@AfterEach
	void close() {
		this.transport.close();
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".s1", this.topic + ".info"),
				List.of(this.topic + "_fanout"));
	}

	@Test
	void aSlowRpcServerHoldsNoMoreThanThePrefetchAndItsInFlightBound() {
		Set<Integer> served = ConcurrentHashMap.newKeySet();
		AtomicInteger mostInFlight = new AtomicInteger();
		RpcServer server = RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1"))
			.endpoint(new SlowService(served::add))
			.executor(ExecutorKind.EVENTLET)
			.maxBlockingInFlight(2)
			.build();
		server.start();
		RpcClient client = RpcClient.create(this.transport, Target.topic(this.topic));
		Flux.range(0, MESSAGES)
			.flatMap((seq) -> client.castAsync(RequestContext.empty(), "slow", Map.of("seq", seq, "millis", 50)))
			.blockLast();

		long mostUnacknowledged = watch(this.topic, () -> mostInFlight.accumulateAndGet(server.inFlight(), Math::max));

		await().atMost(30, TimeUnit.SECONDS).until(() -> served.size() == MESSAGES);
		server.shutdown(Duration.ofSeconds(10));
		assertThat(mostUnacknowledged).isEqualTo(PREFETCH);
		// the request the consumer thread holds while it waits for room is acknowledged, so it is counted too
		assertThat(mostInFlight.get()).as("2 running, 2 waiting and 1 on the consumer thread at most")
			.isLessThanOrEqualTo(5);
		Figures.record("slow RPC server, prefetch " + PREFETCH, "most unacknowledged on the broker / in flight in the "
				+ "server (bound 2 + 2 waiting + 1 on the consumer thread)", mostUnacknowledged + " / " + mostInFlight.get());
	}

	@Test
	void aSlowNotificationListenerHoldsNoMoreThanThePrefetch() {
		Set<Integer> handled = ConcurrentHashMap.newKeySet();
		MessagingExecutor executor = MessagingExecutors.create(ExecutorKind.EVENTLET);
		NotificationListener listener = NotificationListener.builder(this.transport)
			.target(Target.topic(this.topic))
			.endpoint(new SlowRecorder(handled))
			.executor(executor)
			.maxInFlight(2)
			.build();
		listener.start();
		Notifier notifier = Notifier.builder(this.transport).publisherId("slow").topics(this.topic).build();
		Flux.range(0, MESSAGES)
			.flatMap((seq) -> notifier.send(Priority.INFO, RequestContext.empty(), "seq", Map.of("seq", seq)))
			.blockLast();

		long mostUnacknowledged = watch(this.topic + ".info", () -> { });

		await().atMost(30, TimeUnit.SECONDS).until(() -> handled.size() == MESSAGES);
		listener.awaitTermination(Duration.ofSeconds(10));
		executor.disposeGracefully().block(Duration.ofSeconds(10));
		assertThat(mostUnacknowledged).isEqualTo(PREFETCH);
		Figures.record("slow notification listener, prefetch " + PREFETCH, "most unacknowledged on the broker",
				mostUnacknowledged);
	}

	/** Samples a queue until its backlog is gone; returns the most unacknowledged messages seen. */
	private static long watch(String queue, Runnable alsoSample) {
		AtomicLong most = new AtomicLong();
		await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).until(() -> {
			QueueCounts counts = RabbitCtl.queueCounts(queue);
			alsoSample.run();
			most.accumulateAndGet(counts.unacknowledged(), Math::max);
			assertThat(counts.unacknowledged()).isLessThanOrEqualTo(PREFETCH);
			return counts.ready() == 0;
		});
		return most.get();
	}

	/** A notification endpoint that takes 50 ms per notification. */
	public static class SlowRecorder {

		private final Set<Integer> handled;

		SlowRecorder(Set<Integer> handled) {
			this.handled = handled;
		}

		public void info(JsonNode payload) throws InterruptedException {
			Thread.sleep(50);
			this.handled.add(payload.get("seq").asInt());
		}

	}

}
