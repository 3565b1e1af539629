package io.oslo4j.messaging.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
import io.oslo4j.messaging.transport.Transport;

import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code soak}: mixed calls, casts and notifications at a steady rate for a set time, client,
 * server and notification listener in this process, to show that nothing grows. Reports, as one
 * JSON line, the used heap after GC, live threads, and the process's broker connections and
 * channels (from {@code rabbitmqctl}, matched by oslo4j's connection name, which holds the process
 * id) at the start, after a warm-up, and at the end, after the load has drained; and what was sent,
 * answered, confirmed and handled (warm-up included), with the calls' latencies after the warm-up.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
		description = { "Mixed calls, casts and notifications for a set time; heap, threads, connections and channels",
				"at start and end as JSON. Client, server and notification listener run in this process." })
final class SoakCommand implements Callable<Integer> {

	private static final Duration DRAIN = Duration.ofSeconds(30);

	@Spec
	private CommandSpec spec;

	@Option(names = "--url", paramLabel = "URL", defaultValue = "fake:///soak",
			description = "Transport URL. Default: ${DEFAULT-VALUE}")
	private String url;

	@Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "soak",
			description = "RPC and notification topic. Default: ${DEFAULT-VALUE}")
	private String topic;

	@Mixin
	private ExecutorOptions executor;

	@Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "600",
			description = "How long the load runs, after the warm-up. Default: ${DEFAULT-VALUE}")
	private double duration;

	@Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "10",
			description = "How long the load runs before the figures of the start are taken. Default: ${DEFAULT-VALUE}")
	private double warmup;

	@Option(names = "--rate", paramLabel = "N", defaultValue = "50",
			description = "Calls, and as many casts and notifications, per second. Default: ${DEFAULT-VALUE}")
	private int rate;

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
			description = "Timeout of each call. Default: ${DEFAULT-VALUE}")
	private double timeout;

	@Option(names = "--rabbitmqctl", paramLabel = "COMMAND", defaultValue = "rabbitmqctl",
			description = "How to run rabbitmqctl, for connections and channels; empty to skip. Default: ${DEFAULT-VALUE}")
	private String rabbitmqctl;

	private final AtomicLong callsAnswered = new AtomicLong();

	private final AtomicLong callsFailed = new AtomicLong();

	private final AtomicLong castsSent = new AtomicLong();

	private final AtomicLong castsFailed = new AtomicLong();

	private final AtomicLong notificationsSent = new AtomicLong();

	private final AtomicLong notificationsFailed = new AtomicLong();

	private final Recorder latencies = new Recorder(3);

	@Override
	public Integer call() throws Exception {
		MessagingExecutor listenerExecutor = MessagingExecutors.create(ExecutorKind.EVENTLET);
		Counter handled = new Counter();
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		result.put("url", this.url.replaceAll("//[^@/]*@", "//"));
		result.put("start", snapshot());
		try (Transport clientSide = Transport.open(this.url);
				BenchmarkServer server = BenchmarkServer.start(this.url, this.topic,
						InProcessServerOptions.DEFAULT_SERVER_NAME, this.executor, DRAIN);
				Transport listenerSide = Transport.open(this.url)) {
			NotificationListener listener = NotificationListener.builder(listenerSide)
				.target(Target.topic(this.topic))
				.endpoint(handled)
				.executor(listenerExecutor)
				.build();
			listener.start();
			RpcClient client = RpcClient.create(clientSide, Target.topic(this.topic))
				.withTimeout(Durations.ofSeconds(this.timeout));
			Notifier notifier = Notifier.builder(clientSide).publisherId("soak").topics(this.topic).build();
			run(client, notifier, Durations.ofSeconds(this.warmup));
			awaitQuiet(server, handled);
			result.put("after_warm_up", snapshot());
			this.latencies.reset();
			long start = System.nanoTime();
			run(client, notifier, Durations.ofSeconds(this.duration));
			awaitQuiet(server, handled);
			result.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
			result.put("end", snapshot());
			var histogram = this.latencies.getIntervalHistogram();
			result.put("calls_answered", this.callsAnswered.get());
			result.put("calls_failed", this.callsFailed.get());
			result.put("call_p50_ms", histogram.getValueAtPercentile(50) / 1000.0);
			result.put("call_p99_ms", histogram.getValueAtPercentile(99) / 1000.0);
			result.put("call_max_ms", histogram.getMaxValue() / 1000.0);
			result.put("casts_confirmed", this.castsSent.get());
			result.put("casts_failed", this.castsFailed.get());
			result.put("notifications_confirmed", this.notificationsSent.get());
			result.put("notifications_failed", this.notificationsFailed.get());
			result.put("notifications_handled", handled.count.get());
			listener.stop();
			listener.awaitTermination(DRAIN);
		}
		finally {
			listenerExecutor.disposeGracefully().block(DRAIN);
		}
		this.spec.commandLine().getOut().println(Json.line(result));
		this.spec.commandLine().getOut().flush();
		return 0;
	}

	/** One call, one cast and one notification every 1/rate s, for {@code time}; then waits for all to end. */
	private void run(RpcClient client, Notifier notifier, Duration time) {
		long ticks = Math.max(1, time.toMillis() * this.rate / 1000);
		Duration period = Duration.ofNanos(1_000_000_000L / Math.max(1, this.rate));
		Flux.interval(period)
			.take(ticks)
			.onBackpressureDrop()
			.flatMap((tick) -> Mono.when(call(client, tick), cast(client, tick), notify(notifier, tick)), 256)
			.blockLast();
	}

	private Mono<Void> call(RpcClient client, long tick) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return client.callAsync(RequestContext.empty(), "echo", Map.of("value", tick))
				.doOnSuccess((answer) -> {
					this.latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
					this.callsAnswered.incrementAndGet();
				})
				.doOnError((error) -> this.callsFailed.incrementAndGet())
				.onErrorResume((error) -> Mono.empty())
				.then();
		});
	}

	private Mono<Void> cast(RpcClient client, long tick) {
		return client.castAsync(RequestContext.empty(), "echo", Map.of("value", tick))
			.doOnSuccess((done) -> this.castsSent.incrementAndGet())
			.doOnError((error) -> this.castsFailed.incrementAndGet())
			.onErrorResume((error) -> Mono.empty());
	}

	private Mono<Void> notify(Notifier notifier, long tick) {
		return notifier.send(Priority.INFO, RequestContext.empty(), "soak.tick", Map.of("tick", tick))
			.doOnSuccess((done) -> this.notificationsSent.incrementAndGet())
			.doOnError((error) -> this.notificationsFailed.incrementAndGet())
			.onErrorResume((error) -> Mono.empty());
	}

	/** Waits (bounded) until the server has nothing in flight and the listener has had every notification. */
	private void awaitQuiet(BenchmarkServer server, Counter handled) throws InterruptedException {
		long deadline = System.nanoTime() + DRAIN.toNanos();
		while ((server.inFlight() > 0 || handled.count.get() < this.notificationsSent.get())
				&& System.nanoTime() - deadline < 0) {
			Thread.sleep(50);
		}
	}

	private Map<String, @Nullable Object> snapshot() throws InterruptedException {
		Map<String, @Nullable Object> snapshot = new LinkedHashMap<>();
		snapshot.put("heap_used_after_gc_bytes", usedHeapAfterGc());
		snapshot.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
		int[] broker = brokerConnectionsAndChannels();
		snapshot.put("connections", (broker != null) ? broker[0] : null);
		snapshot.put("channels", (broker != null) ? broker[1] : null);
		return snapshot;
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		long smallest = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			smallest = Math.min(smallest, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
			Thread.sleep(50);
		}
		return smallest;
	}

	/**
	 * This process's connections and their channels, as the broker lists them; null without
	 * rabbitmqctl (or on {@code fake://}). oslo4j names its connections {@code oslo4j:<pid>:<uuid>}.
	 */
	private int @Nullable [] brokerConnectionsAndChannels() {
		if (this.rabbitmqctl.isBlank() || !this.url.startsWith("rabbit")) {
			return null;
		}
		List<String> command = new ArrayList<>(Arrays.asList(this.rabbitmqctl.split(" ")));
		command.addAll(List.of("-q", "--no-table-headers", "list_connections", "channels", "client_properties"));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				return null;
			}
			String marker = "oslo4j:" + ProcessHandle.current().pid() + ":";
			int connections = 0;
			int channels = 0;
			for (String line : output.split("\n")) {
				if (line.contains(marker)) {
					connections++;
					channels += Integer.parseInt(line.substring(0, line.indexOf('\t')).trim());
				}
			}
			return new int[] { connections, channels };
		}
		catch (IOException | NumberFormatException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** Counts the notifications it handles. Public: the listener calls its public methods. */
	public static final class Counter {

		private final AtomicLong count = new AtomicLong();

		/** Any notification at {@code info}. */
		public void info(JsonNode payload) {
			this.count.incrementAndGet();
		}

	}

}
