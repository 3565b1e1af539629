package io.oslo4j.messaging.benchmarks;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reactor.core.publisher.Mono;

/**
 * What the request/reply baselines share ({@code raw-baseline}, {@code spring-amqp-baseline}):
 * an echo server and a client in this JVM, each on its own connection, a queue of their own, the
 * same lanes as {@code client} ({@link LoadGenerator}), and the same JSON line.
 */
abstract class BaselineCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--amqp-uri", paramLabel = "URI", defaultValue = "amqp://guest:guest@127.0.0.1:5672/%2F",
			description = "Broker (an amqp:// URI). Default: ${DEFAULT-VALUE}")
	String uri;

	@Option(names = "--queue", paramLabel = "NAME",
			description = "Request queue (declared exclusive, auto-delete). Default: a unique name")
	@Nullable String queue;

	@Option(names = "--concurrency", paramLabel = "N", defaultValue = "64",
			description = "Requests in flight at most. Default: ${DEFAULT-VALUE}")
	int concurrency;

	@Option(names = "--warmup", paramLabel = "CALLS", defaultValue = "1000",
			description = "Requests sent before measuring. Default: ${DEFAULT-VALUE}")
	int warmup;

	@Option(names = "--payload", paramLabel = "BYTES", defaultValue = "100",
			description = "Request body: a string of this many characters. Default: ${DEFAULT-VALUE}")
	int payload;

	@ArgGroup(exclusive = true)
	ClientCommand.Amount amount = new ClientCommand.Amount();

	/** The name of this baseline in the JSON line. */
	abstract String name();

	/** Starts the echo server and the client; the supplier sends one request, its Mono completes with the reply. */
	abstract Supplier<Mono<?>> start(String queue, byte[] body) throws Exception;

	/** Closes what {@link #start} opened. */
	abstract void stop() throws Exception;

	@Override
	public Integer call() throws Exception {
		PrintWriter err = this.spec.commandLine().getErr();
		String queueName = (this.queue != null) ? this.queue : "oslo4j_bench_" + name() + "_" + UUID.randomUUID();
		byte[] body = "x".repeat(this.payload).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		try {
			LoadGenerator generator = new LoadGenerator(start(queueName, body));
			if (this.warmup > 0) {
				LoadGenerator.Run warm = generator.run(new LoadGenerator.Run(), Math.min(this.concurrency, this.warmup),
						this.warmup, null);
				err.printf("[%s] warm-up: %d requests in %.3f s, %d errors%n", name(), warm.sent(),
						warm.elapsed().toNanos() / 1e9, warm.errors());
			}
			threads.resetPeakThreadCount();
			long cpuBefore = ProcessCpu.nanos();
			Duration duration = (this.amount.duration != null) ? Durations.ofSeconds(this.amount.duration) : null;
			int calls = (this.amount.calls != null) ? this.amount.calls : 10_000;
			LoadGenerator.Run run = generator.run(new LoadGenerator.Run(), this.concurrency, calls, duration);
			int peakThreads = threads.getPeakThreadCount();
			long cpuAfter = ProcessCpu.nanos();
			if (run.firstError() != null) {
				err.printf("[%s] %d errors; the first: %s%n", name(), run.errors(), run.firstError());
			}
			this.spec.commandLine().getOut().println(Json.line(result(run, peakThreads, duration, cpuBefore, cpuAfter)));
			this.spec.commandLine().getOut().flush();
			return 0;
		}
		finally {
			stop();
		}
	}

	private Map<String, @Nullable Object> result(LoadGenerator.Run run, int peakThreads, @Nullable Duration duration,
			long cpuBefore, long cpuAfter) {
		Map<String, @Nullable Object> result = run.figures(peakThreads, cpuBefore, cpuAfter);
		result.put("baseline", name());
		result.put("in_process_server", true);
		result.put("concurrency", this.concurrency);
		result.put("calls", run.sent());
		result.put("duration_s", (duration != null) ? duration.toNanos() / 1e9 : null);
		result.put("payload_bytes", this.payload);
		result.put("warmup_calls", this.warmup);
		return result;
	}

}
