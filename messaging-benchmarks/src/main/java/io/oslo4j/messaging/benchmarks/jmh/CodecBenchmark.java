package io.oslo4j.messaging.benchmarks.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.MessageType;
import io.oslo4j.messaging.wire.RpcReply;
import io.oslo4j.messaging.wire.RpcRequest;
import io.oslo4j.messaging.wire.WireLimits;

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
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The codec steps of one round trip, each on its own, as the client and server do them: encode a
 * call (arguments through the serializer, the request, the envelope), decode it on the server
 * (envelope, request, context with the call-monitor timeout), encode the reply, decode the reply.
 * Run with {@code -prof gc} for bytes per operation.
 *
 * @since 0.4
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.AverageTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

	private static final Map<String, String> NO_HEADERS = Map.of();

	/** The length of the echoed string value. */
	@Param({ "100" })
	public int payload;

	private Envelope envelope;

	private JsonMapper mapper;

	private Serializer serializer;

	private RequestContext context;

	private Map<String, Object> args;

	private byte[] request;

	private RpcRequest built;

	private JsonNode result;

	private byte[] reply;

	@Setup(Level.Trial)
	public void setUp() {
		this.envelope = new Envelope(WireLimits.defaults());
		this.mapper = this.envelope.mapper();
		this.serializer = Serializer.jackson(this.mapper);
		this.context = RequestContext.of(Map.of("user_id", "u-1", "project_id", "p-1", "request_id",
				"req-4d1b0a6c-9a4e-4c3f-8d52-2b7f5e3c1a90"));
		this.args = Map.of("value", "x".repeat(this.payload));
		this.request = encodeRequest();
		this.built = MessageType.REQUEST.decode(this.envelope, this.request, Envelope.CONTENT_TYPE, NO_HEADERS);
		this.result = this.mapper.getNodeFactory().stringNode("x".repeat(this.payload));
		this.reply = encodeReply();
	}

	/** What {@code RpcClient.call} encodes: arguments through the serializer, then the enveloped request. */
	@Benchmark
	public byte[] encodeRequest() {
		ObjectNode arguments = this.mapper.createObjectNode();
		this.args.forEach((name, value) -> arguments.set(name, this.serializer.serializeEntity(this.context, value)));
		RpcRequest request = new RpcRequest("echo", arguments, null, null, MessageIds.newHexId(),
				"reply_0123456789abcdef0123456789abcdef", 60.0, MessageIds.newHexId(),
				this.serializer.serializeContext(this.context));
		return this.envelope.wrap(request);
	}

	/** The request's body alone: the envelope and inner message of a request already made (no serializer, no ids). */
	@Benchmark
	public byte[] writeRequest() {
		return this.envelope.wrap(this.built);
	}

	/** What an RPC server decodes on its consumer thread, with the context its endpoint sees. */
	@Benchmark
	public RequestContext decodeRequest() {
		RpcRequest request = MessageType.REQUEST.decode(this.envelope, this.request, Envelope.CONTENT_TYPE, NO_HEADERS);
		return this.serializer
			.deserializeContext(request.context().with(RpcRequest.CLIENT_TIMEOUT, request.callMonitorTimeout()));
	}

	/** What the reply scheduler encodes for a successful call. */
	@Benchmark
	public byte[] encodeReply() {
		RpcReply reply = RpcReply.success("0123456789abcdef0123456789abcdef", this.result);
		return this.envelope.wrap(reply);
	}

	/** What the caller's reply consumer decodes. */
	@Benchmark
	public RpcReply decodeReply() {
		return MessageType.REPLY.decode(this.envelope, this.reply, Envelope.CONTENT_TYPE, NO_HEADERS);
	}

}
