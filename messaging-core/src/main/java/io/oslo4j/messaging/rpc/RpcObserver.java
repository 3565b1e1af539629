package io.oslo4j.messaging.rpc;

import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;

import org.jspecify.annotations.Nullable;

/**
 * Observes the RPC calls a server serves and a client sends: the hook for metrics and tracing (the
 * Spring Boot starter turns it into Micrometer observations). Set it with
 * {@link RpcServer.Builder#observer(RpcObserver)} and {@link RpcClient.Builder#observer(RpcObserver)}.
 *
 * <p>Each observed call starts with one {@code onXxxCall}, whose {@link Completion} is then called
 * exactly once, when the call ends:
 * <ul>
 * <li>On a server, a call starts when the request is handed to the executor, on the thread that
 * hands it over (never the endpoint's), and ends once its reply has been published (for a method
 * that returns {@code Mono}, once the {@code Mono} has completed and the reply has been sent), or,
 * for a cast, once the method has finished. The completion runs before the request leaves the
 * server's in-flight count, so a server that drains on stop waits for it. Requests that reach no
 * method (malformed, or no such method or version) are not observed.</li>
 * <li>On a client, a call or cast starts when it is sent ({@link RpcClient#call} and
 * {@link RpcClient#cast} at once, their {@code Async} forms on subscription) and ends with its
 * result, its failure (the remote exception, the timeout), or the subscriber's cancellation.</li>
 * </ul>
 * Observers must be thread-safe and quick; what an observer throws is logged and ignored.
 *
 * @since 0.1
 */
public interface RpcObserver {

	/** The observer that observes nothing. */
	RpcObserver NONE = new RpcObserver() {
	};

	/**
	 * A server is about to run a request.
	 * @return what to call when the request has been answered
	 */
	default Completion onServerCall(Call call) {
		return Completion.NONE;
	}

	/**
	 * A client is about to send a call or cast.
	 * @return what to call when the call has its outcome
	 */
	default Completion onClientCall(Call call) {
		return Completion.NONE;
	}

	/**
	 * A client is about to send a call or cast, and may propagate entries with it (a trace
	 * context, say): what the observer puts into {@code propagation} is added to the request
	 * context the message carries. Python peers see such entries as extra context keys and ignore
	 * them; an oslo4j server hands them to its observer with the request context.
	 * @return what to call when the call has its outcome
	 */
	default Completion onClientCall(Call call, Map<String, String> propagation) {
		return onClientCall(call);
	}

	/**
	 * One call, as an observer sees it.
	 *
	 * @param target on a server, the server's target with the request's namespace and version; on a
	 * client, the client's target
	 * @param method the RPC method name as sent
	 * @param expectsReply whether it is a call (true) or a cast (false)
	 * @param context the request context
	 * @param executor on a server, the executor that runs the method; null on a client
	 */
	record Call(Target target, String method, boolean expectsReply, RequestContext context,
			@Nullable ExecutorKind executor) {
	}

	/** The end of an observed call. */
	@FunctionalInterface
	interface Completion {

		/** The completion that does nothing. */
		Completion NONE = (failure) -> {
		};

		/**
		 * The call has ended.
		 * @param failure null on success; otherwise what failed the call: the endpoint's exception on
		 * a server; on a client the exception its caller sees (the completion runs before the caller sees the
		 * outcome), or a
		 * {@link java.util.concurrent.CancellationException} when the caller cancelled
		 */
		void complete(@Nullable Throwable failure);

	}

}
