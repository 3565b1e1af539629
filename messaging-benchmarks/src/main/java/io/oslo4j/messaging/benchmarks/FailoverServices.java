package io.oslo4j.messaging.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import io.oslo4j.messaging.rpc.RpcMethod;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The serving side of the cluster scenario, each piece on a transport (so a connection) of its
 * own: Java greenio RPC servers that count what they serve, a Java notification listener, and a
 * Python oslo.messaging process ({@code cluster_peer.py}) for both.
 */
final class FailoverServices {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private FailoverServices() {
	}

	/** A Java RPC server, greenio, serving {@code echo} as a {@code Mono}. */
	static final class JavaServer implements AutoCloseable {

		private final Transport transport;

		private final MessagingExecutor executor = MessagingExecutors.create(ExecutorKind.GREENIO);

		private final RpcServer server;

		private final Echo echo = new Echo();

		JavaServer(String url, String topic, String name) {
			this.transport = Transport.open(url);
			this.server = RpcServer.builder(this.transport, Target.topic(topic).withServer(name))
				.endpoint(this.echo)
				.executor(this.executor)
				.build();
			this.server.start();
		}

		long served() {
			return this.echo.served.sum();
		}

		@Override
		public void close() {
			try {
				this.server.shutdown(STOP_TIMEOUT);
				this.executor.disposeGracefully().block(STOP_TIMEOUT);
			}
			finally {
				this.transport.close();
			}
		}

	}

	/** A Java notification listener on one topic. */
	static final class JavaListener implements AutoCloseable {

		private final Transport transport;

		private final MessagingExecutor executor = MessagingExecutors.create(ExecutorKind.EVENTLET);

		private final NotificationListener listener;

		private final FailoverNotifications.Received received = new FailoverNotifications.Received();

		JavaListener(String url, String topic) {
			this.transport = Transport.open(url);
			this.listener = NotificationListener.builder(this.transport)
				.target(Target.topic(topic))
				.endpoint(this.received)
				.executor(this.executor)
				.build();
			this.listener.start();
		}

		FailoverNotifications.Received received() {
			return this.received;
		}

		@Override
		public void close() {
			try {
				this.listener.awaitTermination(STOP_TIMEOUT);
				this.executor.disposeGracefully().block(STOP_TIMEOUT);
			}
			finally {
				this.transport.close();
			}
		}

	}

	/**
	 * {@code cluster_peer.py}: {@link #started} waits for its {@code READY} (a server), {@link #result}
	 * for its last JSON line (a server after SIGTERM, or callers when done).
	 */
	static final class PythonProcess {

		private final Process process;

		private final CompletableFuture<Boolean> ready = new CompletableFuture<>();

		private final List<String> lines = new ArrayList<>();

		PythonProcess(ClusterNodes cluster, List<String> arguments) {
			this.process = cluster.python(arguments);
			Thread reader = new Thread(this::read, "cluster-peer-stdout");
			reader.setDaemon(true);
			reader.start();
		}

		PythonProcess started(Duration timeout) {
			try {
				if (!this.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException("cluster_peer.py ended before READY (exit " + this.process.waitFor() + ")");
				}
				return this;
			}
			catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ex) {
				this.process.destroyForcibly();
				throw new IllegalStateException("cluster_peer.py printed no READY within " + timeout, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}

		/** SIGTERM (a server) unless {@code terminate} is false, then its last JSON line. */
		@Nullable JsonNode result(boolean terminate, Duration timeout) {
			try {
				if (terminate) {
					// the root's python3 is the child of chroot, which passes no signal on: signal it
					this.process.descendants().forEach(ProcessHandle::destroy);
				}
				if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					this.process.descendants().forEach(ProcessHandle::destroyForcibly);
					this.process.destroyForcibly();
					return null;
				}
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
			synchronized (this.lines) {
				for (int i = this.lines.size() - 1; i >= 0; i--) {
					if (this.lines.get(i).startsWith("{")) {
						return Json.mapper().readTree(this.lines.get(i));
					}
				}
			}
			return null;
		}

		private void read() {
			try (BufferedReader reader = this.process.inputReader()) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					if ("READY".equals(line.strip())) {
						this.ready.complete(true);
					}
					synchronized (this.lines) {
						this.lines.add(line);
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
			this.ready.complete(false);
		}

	}

	/** The Java servers' endpoint. Public: the server calls it. */
	@RpcEndpoint
	public static final class Echo {

		private final LongAdder served = new LongAdder();

		/** Returns its argument. */
		@RpcMethod("echo")
		public Mono<Object> echo(Object value) {
			this.served.increment();
			return Mono.just(value);
		}

	}

	/** Serves the Java endpoint of {@link Echo} and counts what each server served, by name. */
	static Map<String, Long> served(List<JavaServer> servers) {
		Map<String, Long> served = new java.util.LinkedHashMap<>();
		for (int i = 0; i < servers.size(); i++) {
			served.put("java" + (i + 1), servers.get(i).served());
		}
		return served;
	}

}
