package io.oslo4j.messaging.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reactor.core.publisher.Mono;

/**
 * {@code inflight-heap}: what one parked request costs in heap, client and server together, in
 * one process. Method: warm up; force a full GC and read the used heap (baseline); send
 * {@code --calls} requests to {@code sleep_reactive} (or {@code sleep}) that hold for
 * {@code --hold} seconds; once they are all parked, force a full GC and read the used heap again;
 * report the difference divided by the number of parked requests. With {@code --cast} the client
 * keeps nothing after the publish, so the figure is the server's share alone.
 */
@Command(name = "inflight-heap", mixinStandardHelpOptions = true,
		description = { "Heap per in-flight request: used heap after GC with N requests parked minus none, divided by N.",
				"Client and server run in this process; with --cast only the server holds state." })
final class InFlightHeapCommand implements Callable<Integer> {

	private static final Duration SETTLE = Duration.ofMillis(500);

	private static final Duration PARK_TIMEOUT = Duration.ofSeconds(60);

	@Spec
	private CommandSpec spec;

	@Option(names = "--url", paramLabel = "URL", defaultValue = "fake:///inflight-heap",
			description = "Transport URL; the server always runs in this process. Default: ${DEFAULT-VALUE}")
	private String url;

	@Option(names = "--topic", paramLabel = "TOPIC", defaultValue = ConnectionOptions.DEFAULT_TOPIC,
			description = "RPC topic. Default: ${DEFAULT-VALUE}")
	private String topic;

	@Mixin
	private ExecutorOptions executor;

	@Option(names = "--calls", paramLabel = "N", defaultValue = "10000",
			description = "Requests to park. Default: ${DEFAULT-VALUE}")
	private int calls;

	@Option(names = "--method", paramLabel = "sleep_reactive|sleep", defaultValue = "sleep_reactive",
			description = "The parking method. Default: ${DEFAULT-VALUE}")
	private String method;

	@Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "10",
			description = "How long each request stays parked on the server. Default: ${DEFAULT-VALUE}")
	private double hold;

	@Option(names = "--cast", description = "Cast instead of call: measures the server's share alone.")
	private boolean cast;

	@Override
	public Integer call() throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		try (Transport transport = Transport.open(this.url);
				BenchmarkServer server = BenchmarkServer.start(this.url, this.topic,
						InProcessServerOptions.DEFAULT_SERVER_NAME, this.executor, Duration.ofSeconds(5))) {
			RpcClient client = RpcClient.create(transport, Target.topic(this.topic))
				.withTimeout(Durations.ofSeconds(this.hold).plus(PARK_TIMEOUT));
			park(client, Math.min(this.calls, 1000), 0).await();
			awaitIdle(server);
			long baseline = usedHeapAfterGc(memory);
			Parked parked = park(client, this.calls, this.hold);
			int serverInFlight = awaitParked(server);
			long parkedHeap = usedHeapAfterGc(memory);
			int liveThreads = ManagementFactory.getThreadMXBean().getThreadCount();
			parked.await();
			awaitIdle(server);
			Map<String, @Nullable Object> result = new LinkedHashMap<>();
			result.put("bytes_per_call", Math.round((double) (parkedHeap - baseline) / this.calls));
			result.put("in_flight", this.calls);
			result.put("server_in_flight", serverInFlight);
			result.put("baseline_heap_bytes", baseline);
			result.put("parked_heap_bytes", parkedHeap);
			result.put("live_threads", liveThreads);
			result.put("method", this.method);
			result.put("cast", this.cast);
			result.put("executor", server.executorKind().configName());
			result.put("errors", parked.errors.get());
			this.spec.commandLine().getOut().println(Json.line(result));
			this.spec.commandLine().getOut().flush();
			return 0;
		}
	}

	/**
	 * Sends {@code count} requests that each hold {@code seconds} on the server, with nothing but
	 * a subscriber per request on the caller's side: the harness adds no state of its own.
	 */
	private Parked park(RpcClient client, int count, double seconds) {
		Parked parked = new Parked(count);
		Map<String, Object> args = Map.of("seconds", seconds);
		for (int i = 0; i < count; i++) {
			Mono<?> request = this.cast ? client.castAsync(RequestContext.empty(), this.method, args)
					: client.callAsync(RequestContext.empty(), this.method, args);
			request.subscribe(null, parked::failed, parked.done::countDown);
		}
		return parked;
	}

	/** Waits until the server's in-flight count has stopped moving. */
	private static int awaitParked(BenchmarkServer server) throws InterruptedException {
		long deadline = System.nanoTime() + PARK_TIMEOUT.toNanos();
		int last = -1;
		long stableSince = System.nanoTime();
		while (System.nanoTime() - deadline < 0) {
			int current = server.inFlight();
			if (current != last) {
				last = current;
				stableSince = System.nanoTime();
			}
			else if (current > 0 && System.nanoTime() - stableSince > SETTLE.toNanos()) {
				return current;
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException("Requests were not parked within " + PARK_TIMEOUT.toSeconds() + " s ("
				+ last + " in flight on the server); is --hold long enough?");
	}

	private static void awaitIdle(BenchmarkServer server) throws InterruptedException {
		long deadline = System.nanoTime() + PARK_TIMEOUT.toNanos();
		while (server.inFlight() > 0 && System.nanoTime() - deadline < 0) {
			Thread.sleep(20);
		}
	}

	/** Requests sent by {@link #park}: how many have finished, and how many failed. */
	private static final class Parked {

		private final CountDownLatch done;

		private final AtomicLong errors = new AtomicLong();

		Parked(int count) {
			this.done = new CountDownLatch(count);
		}

		void failed(Throwable error) {
			this.errors.incrementAndGet();
			this.done.countDown();
		}

		void await() throws InterruptedException {
			if (!this.done.await(PARK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException(this.done.getCount() + " requests did not finish within "
						+ PARK_TIMEOUT.toSeconds() + " s");
			}
		}

	}

	/** The used heap after full collections: the smallest of a few readings, to skip stragglers. */
	private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
		long smallest = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			smallest = Math.min(smallest, memory.getHeapMemoryUsage().getUsed());
			Thread.sleep(50);
		}
		return smallest;
	}

}
