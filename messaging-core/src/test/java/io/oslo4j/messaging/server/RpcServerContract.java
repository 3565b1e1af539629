package io.oslo4j.messaging.server;

import java.time.Duration;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import reactor.core.publisher.Mono;

/** The server contract for RPC servers: calls answered by an endpoint that passes the gates. */
public abstract class RpcServerContract extends ServerContract {

	private RpcClient client;

	@Override
	protected MessageHandlingServer build(ExecutorKind kind, int maxBlocking, int maxAsync) {
		this.client = RpcClient.create(this.transport, Target.topic(this.topic)).withTimeout(Duration.ofSeconds(30));
		return RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1"))
			.endpoint(new GatedEndpoint(this.gates))
			.executor(kind)
			.maxBlockingInFlight(maxBlocking)
			.maxAsyncInFlight(maxAsync)
			.build();
	}

	@Override
	protected void sendBlocking(int i) {
		this.client.callAsync(RequestContext.empty(), "blocking", Map.of("i", i), Integer.class).subscribe();
	}

	@Override
	protected void sendReactive(int i) {
		this.client.callAsync(RequestContext.empty(), "reactive", Map.of("i", i), Integer.class).subscribe();
	}

	/** Its methods pass the gates. */
	public static class GatedEndpoint {

		private final Gates gates;

		public GatedEndpoint(Gates gates) {
			this.gates = gates;
		}

		public int blocking(int i) {
			this.gates.blocking.pass();
			return i;
		}

		public Mono<Integer> reactive(int i) {
			return this.gates.reactive.passLater().thenReturn(i);
		}

	}

}
