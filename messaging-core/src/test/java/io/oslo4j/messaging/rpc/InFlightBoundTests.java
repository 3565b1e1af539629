package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A server takes no more work than its in-flight bounds allow, and the rest waits in the queue. */
class InFlightBoundTests {

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
		String topic = "bound-" + MessageIds.newHexId();
		try (Transport transport = Transport.open("fake:///" + MessageIds.newHexId())) {
			TestEndpoints.Conformance endpoint = new TestEndpoints.Conformance("s1");
			RpcServer server = RpcServer.builder(transport, Target.topic(topic).withServer("s1"))
				.endpoint(endpoint)
				.executor(ExecutorKind.GREENIO)
				.maxBlockingInFlight(2)
				.build();
			server.start();
			RpcClient client = RpcClient.create(transport, Target.topic(topic)).withTimeout(Duration.ofSeconds(20));
			Flux.range(0, 4).flatMap((i) -> client.callAsync(RequestContext.empty(), "sleep", Map.of("seconds", 3))).subscribe();
			await().atMost(5, TimeUnit.SECONDS).until(() -> server.inFlight() == 4);
			long start = System.nanoTime();
			List<Double> reactive = Flux.range(0, 20)
				.flatMap((i) -> client.callAsync(RequestContext.empty(), "sleep_reactive", Map.of("seconds", 0.1),
						Double.class))
				.collectList()
				.block();
			assertThat(reactive).hasSize(20);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			server.shutdown(Duration.ofSeconds(10));
		}
	}

	private static List<Integer> serve(Gauge gauge, ExecutorKind kind, int maxBlocking, int maxAsync, String method,
			int calls) {
		String topic = "bound-" + MessageIds.newHexId();
		try (Transport transport = Transport.open("fake:///" + MessageIds.newHexId())) {
			RpcServer server = RpcServer.builder(transport, Target.topic(topic).withServer("s1"))
				.endpoint(gauge)
				.executor(kind)
				.maxBlockingInFlight(maxBlocking)
				.maxAsyncInFlight(maxAsync)
				.build();
			server.start();
			RpcClient client = RpcClient.create(transport, Target.topic(topic)).withTimeout(Duration.ofSeconds(20));
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
			// Counted out before the value leaves: the server may answer and start the next call as soon
			// as the value arrives, before this Mono's completion would reach a doFinally.
			return Mono.fromRunnable(this::enter)
				.then(Mono.delay(Duration.ofMillis(50)))
				.doOnNext((tick) -> this.current.decrementAndGet())
				.thenReturn(i);
		}

		private void enter() {
			this.max.accumulateAndGet(this.current.incrementAndGet(), Math::max);
		}

	}

}
