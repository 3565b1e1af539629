package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.Invocation;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.server.InFlight;
import io.oslo4j.messaging.wire.RpcRequest;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The last steps of an RPC server's pipeline, execute and complete: an admitted request runs on
 * the executor, with call-monitor heartbeats while it runs and an observation around it, and is
 * answered by the {@link ReplyPublisher} on the executor's reply scheduler. What could not be
 * dispatched (a malformed request, no such method) is answered there too, without running.
 */
final class RequestExecution {

	private static final Logger logger = LoggerFactory.getLogger(RequestExecution.class);

	private static final Disposable NO_HEARTBEATS = Disposables.disposed();

	private final MessagingExecutor executor;

	private final ReplyPublisher replies;

	private final RpcObserver observer;

	private final Target target;

	private final InFlight inFlight;

	RequestExecution(MessagingExecutor executor, ReplyPublisher replies, RpcObserver observer, Target target,
			InFlight inFlight) {
		this.executor = executor;
		this.replies = replies;
		this.observer = observer;
		this.target = target;
		this.inFlight = inFlight;
	}

	/** Where to answer, if the reply-address rule lets the server answer there; see {@link ReplyPublisher#address}. */
	ReplyPublisher.@Nullable Address replyAddress(String replyQueue, String msgId, @Nullable String method) {
		return this.replies.address(replyQueue, msgId, method);
	}

	/**
	 * Runs an admitted request and answers it.
	 * @param done called once the reply is published (or the outcome dropped, for a cast)
	 */
	void run(RpcRequest request, RpcHandlerMethod method, Invocation<JsonNode> invocation, RequestContext context,
			ReplyPublisher.@Nullable Address to, Runnable done) {
		RpcObserver.Completion observation = observe(request, context);
		this.executor.execute(invocation)
			.subscribe(new ServedRequest(request, method, this.replies, to, startHeartbeats(request, to), observation, done));
	}

	/** Answers a request that is not run with its failure, from the reply scheduler; counted in flight until sent. */
	void replyWithoutInvoking(ReplyPublisher.@Nullable Address to, Throwable failure) {
		if (to == null) {
			return;
		}
		this.inFlight.enter();
		Mono.defer(() -> this.replies.failure(to, failure))
			.subscribeOn(this.executor.replyScheduler())
			.doFinally((signal) -> this.inFlight.exit())
			.subscribe();
	}

	private RpcObserver.Completion observe(RpcRequest request, RequestContext context) {
		String method = request.method();
		if (this.observer == RpcObserver.NONE || method == null) {
			return RpcObserver.Completion.NONE;
		}
		Target call = this.target.withNamespace(request.namespace()).withVersion(request.version());
		return Observing.serverCall(this.observer,
				new RpcObserver.Call(call, method, request.isCall(), context, this.executor.kind()));
	}

	private Disposable startHeartbeats(RpcRequest request, ReplyPublisher.@Nullable Address to) {
		Double timeout = request.callMonitorTimeout();
		if (to != null && timeout != null && timeout > 0) {
			return this.replies.heartbeats(to, timeout, this.executor.replyScheduler());
		}
		return NO_HEARTBEATS;
	}

	static void logFailure(RpcRequest request, Throwable failure, boolean expected) {
		logFailure(request.method(), request.version(), request.namespace(), failure, expected);
	}

	static void logFailure(@Nullable String method, @Nullable String version, @Nullable String namespace,
			Throwable failure, boolean expected) {
		if (expected) {
			logger.debug("Expected exception during message handling ({}): {}", method, failure.toString());
		}
		else if (failure instanceof RemoteException || failure instanceof ArgumentException) {
			logger.warn("Cannot serve {} (version {}, namespace {}): {}", method, version, namespace, failure.getMessage());
		}
		else {
			logger.error("Exception during message handling ({})", method, failure);
		}
	}

}
