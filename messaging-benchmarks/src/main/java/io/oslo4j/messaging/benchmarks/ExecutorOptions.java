package io.oslo4j.messaging.benchmarks;

import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.rpc.RpcServer;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** How the benchmark server runs its endpoint methods. */
final class ExecutorOptions {

	@Option(names = "--executor", paramLabel = "eventlet|greenio", defaultValue = "eventlet",
			converter = KindConverter.class,
			description = "Server executor: eventlet (every method holds a worker) or greenio (Mono methods hold none). "
					+ "Default: ${DEFAULT-VALUE}")
	ExecutorKind kind;

	@Option(names = "--pool-size", paramLabel = "N", defaultValue = "" + MessagingExecutors.DEFAULT_POOL_SIZE,
			description = "Worker threads of the server's task executor, and its bound on blocking requests in flight. "
					+ "Default: ${DEFAULT-VALUE}")
	int poolSize;

	@Option(names = "--max-async-in-flight", paramLabel = "N", defaultValue = "" + RpcServer.DEFAULT_MAX_ASYNC_IN_FLIGHT,
			description = "Server bound on reactive requests in flight under greenio. Default: ${DEFAULT-VALUE}")
	int maxAsyncInFlight;

	static final class KindConverter implements ITypeConverter<ExecutorKind> {

		@Override
		public ExecutorKind convert(String value) {
			return ExecutorKind.fromName(value);
		}

	}

}
