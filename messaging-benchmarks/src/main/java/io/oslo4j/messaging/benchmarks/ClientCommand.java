package io.oslo4j.messaging.benchmarks;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reactor.core.publisher.Mono;

/**
 * {@code client}: a load run. Warms up, then sends {@code --calls} requests (or for
 * {@code --duration}) with at most {@code --concurrency} in flight, and prints one JSON line:
 * throughput, latency percentiles of the successful calls, errors, timeouts and the peak number of
 * live threads in the process during the measured part.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
		description = { "Load run: warm up, then send --calls requests (or for --duration) with at most --concurrency "
				+ "in flight; print one JSON line.",
				"Keys: calls_per_s, p50_ms, p95_ms, p99_ms, max_ms, seconds, errors, timeouts, peak_threads, executor, "
						+ "transport, and the run's settings." })
final class ClientCommand implements Callable<Integer> {

	private static final Duration PROGRESS_AFTER = Duration.ofSeconds(3);

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

	@Spec
	private CommandSpec spec;

	@Mixin
	private ConnectionOptions connection;

	@Mixin
	private RequestOptions request;

	@Mixin
	private InProcessServerOptions inProcess;

	@ArgGroup(exclusive = true)
	private Amount amount = new Amount();

	@Option(names = "--concurrency", paramLabel = "N", defaultValue = "64",
			description = "Requests in flight at most. Default: ${DEFAULT-VALUE}")
	private int concurrency;

	@Option(names = "--warmup", paramLabel = "CALLS", defaultValue = "1000",
			description = "Requests sent before measuring (0 for none). Default: ${DEFAULT-VALUE}")
	private int warmup;

	@Option(names = "--payload", paramLabel = "BYTES",
			description = "Send a string of this many characters as argument 'value' (for echo).")
	private @Nullable Integer payload;

	static final class Amount {

		@Option(names = "--calls", paramLabel = "N", description = "Requests to measure. Default: 10000")
		@Nullable Integer calls;

		@Option(names = "--duration", paramLabel = "SECONDS", description = "Measure for this long instead of a count.")
		@Nullable Double duration;

	}

	@Override
	@SuppressWarnings("try") // the in-process server is used for its lifetime only
	public Integer call() throws Exception {
		this.request.validate(this.spec);
		PrintWriter err = this.spec.commandLine().getErr();
		Map<String, @Nullable Object> args = new LinkedHashMap<>(this.request.args());
		if (this.payload != null) {
			args.put("value", "x".repeat(this.payload));
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "benchmark-progress");
			thread.setDaemon(true);
			return thread;
		});
		// The server closes first, while the client's reply queue still takes its last replies.
		try (Transport transport = Transport.open(this.connection.url);
				AutoCloseable server = this.inProcess.startIfNeeded(this.connection, this.request.server)) {
			RpcClient client = this.request.client(transport, this.connection.topic);
			LoadGenerator generator = new LoadGenerator(sender(client, this.request.requestContext(), args));
			if (this.warmup > 0) {
				LoadGenerator.Run warm = generator.run(new LoadGenerator.Run(), Math.min(this.concurrency, this.warmup),
						this.warmup, null);
				err.printf("[client] warm-up: %d calls in %.3f s, %d errors, %d timeouts%n", warm.sent(),
						seconds(warm.elapsed()), warm.errors(), warm.timeouts());
			}
			LoadGenerator.Run run = new LoadGenerator.Run();
			progress.scheduleAtFixedRate(() -> report(err, run), PROGRESS_AFTER.toMillis(), PROGRESS_EVERY.toMillis(),
					TimeUnit.MILLISECONDS);
			threads.resetPeakThreadCount();
			long cpuBefore = ProcessCpu.nanos();
			Duration duration = (this.amount.duration != null) ? Durations.ofSeconds(this.amount.duration) : null;
			int calls = (this.amount.calls != null) ? this.amount.calls : 10_000;
			generator.run(run, this.concurrency, calls, duration);
			int peakThreads = threads.getPeakThreadCount();
			long cpuAfter = ProcessCpu.nanos();
			progress.shutdownNow();
			Throwable firstError = run.firstError();
			if (firstError != null) {
				err.printf("[client] %d errors; the first: %s%n", run.errors(), firstError);
			}
			this.spec.commandLine().getOut().println(Json.line(result(run, peakThreads, duration, cpuBefore, cpuAfter)));
			this.spec.commandLine().getOut().flush();
			return 0;
		}
		finally {
			progress.shutdownNow();
		}
	}

	private Supplier<Mono<?>> sender(RpcClient client, RequestContext context, Map<String, @Nullable Object> args) {
		String method = this.request.method;
		Map<String, @Nullable Object> frozen = Collections.unmodifiableMap(args);
		if (this.request.cast) {
			return () -> client.castAsync(context, method, frozen);
		}
		return () -> client.callAsync(context, method, frozen);
	}

	private Map<String, @Nullable Object> result(LoadGenerator.Run run, int peakThreads, @Nullable Duration duration,
			long cpuBefore, long cpuAfter) {
		Map<String, @Nullable Object> result = run.figures(peakThreads, cpuBefore, cpuAfter);
		result.put("executor", this.inProcess.executor.kind.configName());
		result.put("transport", this.connection.driverName());
		result.put("in_process_server", this.inProcess.isOn(this.connection));
		result.put("method", this.request.method);
		result.put("cast", this.request.cast);
		result.put("direct_reply_to", this.request.directReplyTo);
		result.put("concurrency", this.concurrency);
		result.put("calls", run.sent());
		result.put("duration_s", (duration != null) ? seconds(duration) : null);
		result.put("payload_bytes", this.payload);
		result.put("warmup_calls", this.warmup);
		return result;
	}

	private static void report(PrintWriter err, LoadGenerator.Run run) {
		if (!run.hasStarted()) {
			return;
		}
		double seconds = seconds(run.elapsed());
		err.printf("[client] %.1f s: %d done, %.0f calls/s, %d in flight, %d errors, %d timeouts%n", seconds,
				run.succeeded(), run.succeeded() / seconds, run.inFlight(), run.errors(), run.timeouts());
		err.flush();
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}
