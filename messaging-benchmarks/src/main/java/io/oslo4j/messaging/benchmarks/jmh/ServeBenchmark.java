package io.oslo4j.messaging.benchmarks.jmh;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.benchmarks.BenchmarkEndpoint;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.RpcRequest;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's side of a call on {@code fake://}, without the client's: an encoded request (made
 * once, without {@code _unique_id} so that it is never a duplicate) is published to the server's
 * queue; the server decodes it, dispatches it to {@code echo} on its executor and publishes the
 * reply from its reply scheduler; a bare reply consumer takes the body without decoding it.
 * Includes the thread hand-offs of the server (consumer, worker, reply scheduler).
 *
 * @since 0.4
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.AverageTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ServeBenchmark {

	@Param({ "eventlet", "greenio" })
	public String executor;

	@Param({ "echo", "echo_reactive" })
	public String method;

	@Param({ "100" })
	public int payload;

	private final Target target = Target.topic("jmh-serve").withServer("jmh-server");

	private Transport serverTransport;

	private Transport clientTransport;

	private RpcServer server;

	private OutgoingMessage request;

	private volatile CompletableFuture<byte[]> reply = new CompletableFuture<>();

	@Setup(Level.Trial)
	public void start() {
		String url = "fake:///jmh-serve";
		this.serverTransport = Transport.open(url);
		this.server = RpcServer.builder(this.serverTransport, this.target)
			.endpoint(new BenchmarkEndpoint())
			.executor(ExecutorKind.fromName(this.executor))
			.build();
		this.server.start();
		this.clientTransport = Transport.open(url);
		String replyQueue = this.clientTransport.driver().startReplyConsumer((delivery) -> this.reply.complete(delivery.body()));
		JsonMapper mapper = this.clientTransport.envelope().mapper();
		ObjectNode args = mapper.createObjectNode().put("value", "x".repeat(this.payload));
		RpcRequest call = new RpcRequest(this.method, args, null, null, "0123456789abcdef0123456789abcdef", replyQueue,
				null, null, RequestContext.empty());
		this.request = new OutgoingMessage(this.clientTransport.envelope().wrap(call), null, false);
	}

	@Benchmark
	public byte[] serve() throws Exception {
		CompletableFuture<byte[]> pending = new CompletableFuture<>();
		this.reply = pending;
		this.clientTransport.driver().sendRequest(this.target, this.request).block();
		return pending.get(10, TimeUnit.SECONDS);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.server.shutdown(Duration.ofSeconds(5));
		this.clientTransport.close();
		this.serverTransport.close();
	}

}
