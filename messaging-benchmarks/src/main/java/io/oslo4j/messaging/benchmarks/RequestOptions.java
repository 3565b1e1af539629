package io.oslo4j.messaging.benchmarks;

import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What {@code call} and {@code client} send: method, arguments, context, target and timeout. */
final class RequestOptions {

	@Option(names = "--method", paramLabel = "NAME", defaultValue = "echo",
			description = "RPC method name. Default: ${DEFAULT-VALUE}")
	String method;

	@Option(names = "--args", paramLabel = "JSON", converter = Json.ObjectConverter.class,
			description = "Keyword arguments as a JSON object. Default: {}")
	Json.ObjectArgument args = Json.ObjectArgument.EMPTY;

	@Option(names = "--context", paramLabel = "JSON", converter = Json.ObjectConverter.class,
			description = "Request context as a JSON object. Default: {}")
	Json.ObjectArgument context = Json.ObjectArgument.EMPTY;

	@Option(names = "--namespace", paramLabel = "NS", description = "Target namespace. Default: none")
	@Nullable String namespace;

	// Not --version: that is picocli's standard option, and a command that redefines it loses --help too.
	@Option(names = "--target-version", paramLabel = "X.Y",
			description = "Target version. Default: none (1.0 on the server)")
	@Nullable String version;

	@Option(names = "--server", paramLabel = "NAME",
			description = "Send to this server only (<topic>.<name>); also names the in-process server.")
	@Nullable String server;

	@Option(names = "--fanout", description = "Cast to every server of the topic (needs --cast).")
	boolean fanout;

	@Option(names = "--cast", description = "Cast instead of call: no result; done once the broker has the message.")
	boolean cast;

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
			description = "Call timeout in seconds. Default: ${DEFAULT-VALUE}")
	double timeout;

	@Option(names = "--direct-reply-to",
			description = "Take the replies through RabbitMQ's direct reply-to instead of a named reply queue (rabbit:// only).")
	boolean directReplyTo;

	Map<String, @Nullable Object> args() {
		return this.args.map();
	}

	/** Checks what picocli cannot: combinations of options. */
	void validate(CommandSpec spec) {
		if (this.fanout && !this.cast) {
			throw new ParameterException(spec.commandLine(), "--fanout needs --cast: oslo refuses a call to every server");
		}
	}

	RequestContext requestContext() {
		return RequestContext.of(this.context.map());
	}

	RpcClient client(Transport transport, String topic) {
		Target target = Target.topic(topic)
			.withNamespace(this.namespace)
			.withVersion(this.version)
			.withServer(this.server)
			.withFanout(this.fanout);
		return RpcClient.create(transport, target)
			.withTimeout(Durations.ofSeconds(this.timeout))
			.withDirectReplyTo(this.directReplyTo);
	}

}
