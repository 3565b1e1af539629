package io.oslo4j.messaging.benchmarks;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code server}: serves the benchmark endpoints until SIGTERM or SIGINT, then stops gracefully
 * (stop consuming, finish and answer what was taken). Prints {@code READY} on standard output once
 * it consumes, so that a script or a Python peer can wait for that line.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
		description = { "Serve the benchmark endpoints until SIGTERM; prints READY once consuming.",
				"Default namespace, version 1.0: echo(value), echo_reactive(value), add(a, b), fail(message), "
						+ "sleep(seconds), sleep_reactive(seconds), context().",
				"Namespace ns1, version 1.3: versioned()." })
final class ServerCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private ConnectionOptions connection;

	@Mixin
	private ExecutorOptions executor;

	@Option(names = "--server", paramLabel = "NAME", defaultValue = "profiler_server",
			description = "This server's name (queue <topic>.<name>). Default: ${DEFAULT-VALUE}")
	private String serverName;

	@Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30",
			description = "On SIGTERM, how long to wait for requests in flight. Default: ${DEFAULT-VALUE}")
	private double drainTimeout;

	@Option(names = "--listen-notifications", paramLabel = "TOPIC", split = ",", arity = "0..1",
			fallbackValue = NotificationListening.DEFAULT_TOPIC,
			description = "Also listen for notifications (every priority) on these topics, default "
					+ NotificationListening.DEFAULT_TOPIC + ", and print each as one JSON line.")
	private List<String> notificationTopics = List.of();

	@Option(names = "--pool", paramLabel = "POOL",
			description = "Notification listener pool: one queue shared by every listener of the pool.")
	private @Nullable String pool;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final AtomicReference<@Nullable Runnable> stopAction = new AtomicReference<>();

	@Override
	public Integer call() throws InterruptedException {
		if (this.pool != null && this.notificationTopics.isEmpty()) {
			throw new ParameterException(this.spec.commandLine(), "--pool needs --listen-notifications [TOPIC]");
		}
		BenchmarkServer server = BenchmarkServer.start(this.connection.url, this.connection.topic, this.serverName,
				this.executor, Durations.ofSeconds(this.drainTimeout));
		AutoCloseable notifications;
		try {
			notifications = NotificationListening.start(this.connection.url, this.notificationTopics, this.pool,
					this.spec.commandLine().getOut());
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
		PrintWriter err = this.spec.commandLine().getErr();
		this.stopAction.set(() -> {
			err.println("Stopping: finishing the requests in flight");
			err.flush();
			closeQuietly(notifications);
			server.close();
			err.println("Stopped");
			err.flush();
			this.stopped.countDown();
		});
		Thread hook = new Thread(this::stop, "benchmark-server-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		err.printf("Serving topic %s as %s with the %s executor (pool %d) on %s%n",
				this.connection.topic, this.serverName, server.executorKind().configName(), this.executor.poolSize,
				this.connection.driverName());
		this.spec.commandLine().getOut().println("READY");
		this.spec.commandLine().getOut().flush();
		this.stopped.await();
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook is what stopped us
		}
		return 0;
	}

	/** Stops the server gracefully, once; what SIGTERM does. */
	void stop() {
		Runnable action = this.stopAction.getAndSet(null);
		if (action != null) {
			action.run();
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// stopping the RPC server matters more
		}
	}

}
