package io.oslo4j.messaging.benchmarks;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reactor.core.Exceptions;

/**
 * {@code call}: one call or cast, printing one JSON line: {@code {"result": ...}} or
 * {@code {"error": {"exc_type": ..., "message": ...}}}. Exit code 0 on success, 1 when the remote
 * method raised, 2 on timeout, 3 on any other failure.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
		description = { "Make one call (or cast) and print {\"result\": ...} or {\"error\": {\"exc_type\", \"message\"}}.",
				"Exit code: 0 success, 1 remote error, 2 timeout, 3 other failure, 64 bad command line." })
final class CallCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private ConnectionOptions connection;

	@Mixin
	private RequestOptions request;

	@Mixin
	private InProcessServerOptions inProcess;

	@Override
	@SuppressWarnings("try") // the in-process server is used for its lifetime only
	public Integer call() throws Exception {
		this.request.validate(this.spec);
		PrintWriter out = this.spec.commandLine().getOut();
		// The server closes first, while the client's reply queue still takes its last replies.
		try (Transport transport = Transport.open(this.connection.url);
				AutoCloseable server = this.inProcess.startIfNeeded(this.connection, this.request.server)) {
			RpcClient client = this.request.client(transport, this.connection.topic);
			RequestContext context = this.request.requestContext();
			Map<String, @Nullable Object> outcome = new LinkedHashMap<>();
			int exitCode = 0;
			try {
				if (this.request.cast) {
					client.cast(context, this.request.method, this.request.args());
					outcome.put("result", null);
				}
				else {
					outcome.put("result", client.call(context, this.request.method, this.request.args()));
				}
			}
			catch (RuntimeException ex) {
				Throwable failure = Exceptions.unwrap(ex);
				exitCode = exitCodeOf(failure);
				outcome.put("error", error(failure));
			}
			out.println(Json.line(outcome));
			out.flush();
			return exitCode;
		}
	}

	static int exitCodeOf(Throwable failure) {
		if (failure instanceof RemoteException) {
			return Main.EXIT_REMOTE_ERROR;
		}
		if (failure instanceof MessagingTimeoutException) {
			return Main.EXIT_TIMEOUT;
		}
		return Main.EXIT_FAILURE;
	}

	/** The failure as {@code {"exc_type", "message"}}: the remote type and message when remote. */
	static Map<String, String> error(Throwable failure) {
		Map<String, String> error = new LinkedHashMap<>();
		if (failure instanceof RemoteException remote) {
			error.put("exc_type", remote.getExcType());
			error.put("message", remote.getValue());
		}
		else {
			error.put("exc_type", (failure instanceof MessagingTimeoutException) ? "MessagingTimeout"
					: failure.getClass().getSimpleName());
			error.put("message", String.valueOf(failure.getMessage()));
		}
		return error;
	}

}
