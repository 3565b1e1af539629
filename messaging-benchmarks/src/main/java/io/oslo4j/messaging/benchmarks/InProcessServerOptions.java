package io.oslo4j.messaging.benchmarks;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Whether {@code call} and {@code client} start the benchmark server in their own process. On
 * {@code fake://} nothing else can serve, so there they always do.
 */
final class InProcessServerOptions {

	/** The in-process server's name when the command sends to the topic rather than to a server. */
	static final String DEFAULT_SERVER_NAME = "profiler_server";

	@Option(names = "--with-server",
			description = "Also run the benchmark server in this process (always on with fake:// URLs).")
	boolean withServer;

	@Mixin
	ExecutorOptions executor;

	/**
	 * Starts the in-process server when asked or implied, or returns a handle that does nothing.
	 * @param serverName the server the command sends to, or null for the topic
	 */
	AutoCloseable startIfNeeded(ConnectionOptions connection, @Nullable String serverName) {
		if (!isOn(connection)) {
			return () -> {
			};
		}
		return BenchmarkServer.start(connection.url, connection.topic,
				(serverName != null) ? serverName : DEFAULT_SERVER_NAME, this.executor, Duration.ofSeconds(30));
	}

	boolean isOn(ConnectionOptions connection) {
		return this.withServer || connection.inMemory();
	}

}
