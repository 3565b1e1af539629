package io.oslo4j.messaging.benchmarks;

import java.time.Duration;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;

/**
 * An RPC server with the benchmark endpoints ({@link BenchmarkEndpoint}, {@link VersionedEndpoint})
 * on its own transport: the {@code server} command's, or the one {@code call} and {@code client}
 * run in process. Closing it stops consuming, lets the requests taken finish and answer, then
 * releases the executor and the transport.
 */
final class BenchmarkServer implements AutoCloseable {

	private final Transport transport;

	private final MessagingExecutor executor;

	private final RpcServer server;

	private final Duration drainTimeout;

	private BenchmarkServer(Transport transport, MessagingExecutor executor, RpcServer server, Duration drainTimeout) {
		this.transport = transport;
		this.executor = executor;
		this.server = server;
		this.drainTimeout = drainTimeout;
	}

	/** Opens a transport and starts serving {@code topic} as {@code serverName}. */
	static BenchmarkServer start(String url, String topic, String serverName, ExecutorOptions options,
			Duration drainTimeout) {
		Transport transport = Transport.open(url);
		try {
			MessagingExecutor executor = MessagingExecutors.builder(options.kind).poolSize(options.poolSize).build();
			RpcServer server = RpcServer.builder(transport, Target.topic(topic).withServer(serverName))
				.endpoints(new BenchmarkEndpoint(), new VersionedEndpoint())
				.executor(executor)
				.maxBlockingInFlight(options.poolSize)
				.maxAsyncInFlight(options.maxAsyncInFlight)
				.build();
			server.start();
			return new BenchmarkServer(transport, executor, server, drainTimeout);
		}
		catch (RuntimeException ex) {
			transport.close();
			throw ex;
		}
	}

	ExecutorKind executorKind() {
		return this.executor.kind();
	}

	/** Requests taken and not yet answered. */
	int inFlight() {
		return this.server.inFlight();
	}

	@Override
	public void close() {
		try {
			this.server.shutdown(this.drainTimeout);
			this.executor.disposeGracefully().block(this.drainTimeout);
		}
		finally {
			this.transport.close();
		}
	}

}
