package io.oslo4j.messaging.benchmarks.jmh;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.benchmarks.BenchmarkEndpoint;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;

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
import tools.jackson.databind.JsonNode;

/**
 * One RPC round trip on {@code fake://}, from one caller thread: encode the request, publish it,
 * the server's consumer decodes and dispatches it, the executor runs {@code echo} (or
 * {@code echo_reactive}), the reply is encoded and published from the reply scheduler, and the
 * client decodes it and completes the call. No broker: what remains is oslo4j's own cost plus the
 * thread hand-offs.
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.AverageTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoundTripBenchmark {

	@Param({ "eventlet", "greenio" })
	public String executor;

	@Param({ "echo", "echo_reactive" })
	public String method;

	@Param({ "64" })
	public int payload;

	private Transport serverTransport;

	private Transport clientTransport;

	private RpcServer server;

	private RpcClient client;

	private Map<String, Object> args;

	@Setup(Level.Trial)
	public void start() {
		String url = "fake:///jmh-round-trip";
		this.serverTransport = Transport.open(url);
		this.server = RpcServer.builder(this.serverTransport, Target.topic("jmh").withServer("jmh-server"))
			.endpoint(new BenchmarkEndpoint())
			.executor(ExecutorKind.fromName(this.executor))
			.build();
		this.server.start();
		this.clientTransport = Transport.open(url);
		this.client = RpcClient.create(this.clientTransport, Target.topic("jmh")).withTimeout(Duration.ofSeconds(10));
		this.args = Map.of("value", "x".repeat(this.payload));
	}

	@Benchmark
	public JsonNode roundTrip() {
		return this.client.call(RequestContext.empty(), this.method, this.args);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.server.shutdown(Duration.ofSeconds(5));
		this.clientTransport.close();
		this.serverTransport.close();
	}

}
