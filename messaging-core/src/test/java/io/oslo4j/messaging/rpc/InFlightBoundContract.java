package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.testsupport.Figures;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server takes no more work than its in-flight bounds allow, the rest waits in the queue, and
 * slow blocking calls do not starve reactive ones. Written once for every transport.
 */
public abstract class InFlightBoundContract {

	protected String topic;

	/** A transport URL; every call may return a new one or the same broker. */
	protected abstract String transportUrl();

	@BeforeEach
	void newTopic() {
		this.topic = "bound-" + MessageIds.newHexId().substring(0, 12);
	}

	@Test
	void blockingWorkNeverExceedsItsBoundAndAllOfItIsServed() {
		Gauge gauge = new Gauge();
		List<Integer> results = serve(gauge, ExecutorKind.EVENTLET, 4, 100, "blocking", 24);
		assertThat(results).hasSize(24);
		assertThat(gauge.max.get()).isEqualTo(4);
	}

	@Test
	void reactiveWorkUnderGreenioHasItsOwnBound() {
		Gauge gauge = new Gauge();
		List<Integer> results = serve(gauge, ExecutorKind.GREENIO, 1, 6, "reactive", 24);
		assertThat(results).hasSize(24);
		assertThat(gauge.max.get()).isEqualTo(6);
	}

	@Test
	void reactiveCallsKeepAnsweringWhileSlowBlockingCallsFillTheirBound() {
		try (Transport transport = Transport.open(transportUrl())) {
			TestEndpoints.Conformance endpoint = new TestEndpoints.Conformance("s1");
			RpcServer server = RpcServer.builder(transport, Target.topic(this.topic).withServer("s1"))
				.endpoint(endpoint)
				.executor(ExecutorKind.GREENIO)
				.maxBlockingInFlight(2)
				.build();
			server.start();
			RpcClient client = RpcClient.create(transport, Target.topic(this.topic)).withTimeout(Duration.ofSeconds(20));
			Flux.range(0, 4).flatMap((i) -> client.callAsync(RequestContext.empty(), "sleep", Map.of("seconds", 3))).subscribe();
			await().atMost(5, TimeUnit.SECONDS).until(() -> server.inFlight() == 4);
			long start = System.nanoTime();
			List<Double> reactive = Flux.range(0, 20)
				.flatMap((i) -> client.callAsync(RequestContext.empty(), "sleep_reactive", Map.of("seconds", 0.1),
						Double.class))
				.collectList()
				.block();
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			assertThat(reactive).hasSize(20);
			assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
			Figures.record("slow endpoint on " + TransportUrl.parse(transportUrl()).driver() + "://",
					"20 reactive calls answered, while 4 blocking 3 s calls fill a bound of 2, in", elapsed);
			server.shutdown(Duration.ofSeconds(10));
		}
	}

	private List<Integer> serve(Gauge gauge, ExecutorKind kind, int maxBlocking, int maxAsync, String method,
			int calls) {
		try (Transport transport = Transport.open(transportUrl())) {
			RpcServer server = RpcServer.builder(transport, Target.topic(this.topic).withServer("s1"))
				.endpoint(gauge)
				.executor(kind)
				.maxBlockingInFlight(maxBlocking)
				.maxAsyncInFlight(maxAsync)
				.build();
			server.start();
			RpcClient client = RpcClient.create(transport, Target.topic(this.topic)).withTimeout(Duration.ofSeconds(20));
			List<Integer> results = Flux.range(0, calls)
				.flatMap((i) -> client.callAsync(RequestContext.empty(), method, Map.of("i", i), Integer.class), calls)
				.collectList()
				.block();
			server.shutdown(Duration.ofSeconds(5));
			return results;
		}
	}

	/** Measures how many calls run at once. */
	public static class Gauge {

		final AtomicInteger current = new AtomicInteger();

		final AtomicInteger max = new AtomicInteger();

		public int blocking(int i) throws InterruptedException {
			enter();
			try {
				Thread.sleep(50);
				return i;
			}
			finally {
				this.current.decrementAndGet();
			}
		}

		public Mono<Integer> reactive(int i) {
			// leaves before the result is emitted: doFinally would run only after the reply is sent,
			// by when a broker's confirm may already have let the next call in
			return Mono.fromRunnable(this::enter)
				.then(Mono.delay(Duration.ofMillis(50)))
				.then(Mono.fromCallable(() -> {
					this.current.decrementAndGet();
					return i;
				}));
		}

		private void enter() {
			this.max.accumulateAndGet(this.current.incrementAndGet(), Math::max);
		}

	}

}
