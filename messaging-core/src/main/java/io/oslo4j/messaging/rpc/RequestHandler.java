package io.oslo4j.messaging.rpc;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.MalformedMessageException;
import io.oslo4j.messaging.wire.MalformedRequestException;
import io.oslo4j.messaging.wire.RecentIds;
import io.oslo4j.messaging.wire.RpcRequest;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * An RPC server's side of the transport's consumer thread. For each delivery: decode it (a
 * malformed one is rejected without requeue, and answered with an error when it names a reply
 * queue), give it back to its queue if the server has just stopped, acknowledge it before
 * anything runs (RPC is at most once, as in oslo), drop duplicates, drop a call whose reply queue
 * is not a reply address (see {@link ReplyAddressRule}), find the method, wait for room in the
 * in-flight bound, and hand the invocation to the executor. Endpoint code never runs here.
 */
final class RequestHandler implements DeliveryHandler {

	private static final Logger logger = LoggerFactory.getLogger(RequestHandler.class);

	private final RpcDispatcher dispatcher;

	private final MessagingExecutor executor;

	private final InFlightLimiter limiter;

	private final ReplyPublisher replies;

	private final Envelope envelope;

	private final RecentIds recentIds = new RecentIds();

	private final BooleanSupplier accepting;

	private final Target target;

	private final RpcObserver observer;

	private final Serializer serializer;

	RequestHandler(RpcDispatcher dispatcher, MessagingExecutor executor, InFlightLimiter limiter,
			ReplyPublisher replies, Envelope envelope, BooleanSupplier accepting, Target target, RpcObserver observer,
			Serializer serializer) {
		this.dispatcher = dispatcher;
		this.executor = executor;
		this.limiter = limiter;
		this.replies = replies;
		this.envelope = envelope;
		this.accepting = accepting;
		this.target = target;
		this.observer = observer;
		this.serializer = serializer;
	}

	@Override
	public void onDelivery(Delivery delivery) {
		RpcRequest request;
		try {
			request = RpcRequest.fromJson(this.envelope.mapper(),
					this.envelope.unwrap(delivery.body(), delivery.contentType(), delivery.headers()));
		}
		catch (MalformedRequestException ex) {
			delivery.ack();
			logger.warn("Malformed RPC request: {}", ex.getMessage());
			String replyQueue = ex.getReplyQueue();
			String msgId = ex.getMsgId();
			ReplyPublisher.Address to = (replyQueue != null && msgId != null)
					? this.replies.address(replyQueue, msgId, null) : null;
			if (to != null) {
				replyWithoutInvoking(to, new ArgumentException(ex.getMessage()));
			}
			return;
		}
		catch (MalformedMessageException ex) {
			logger.warn("Rejecting a message that is not an oslo RPC request: {}", ex.getMessage());
			delivery.reject(false);
			return;
		}
		if (!this.accepting.getAsBoolean()) {
			// Taken from the broker just as the server stopped: give it back for another server.
			delivery.reject(true);
			return;
		}
		delivery.ack();
		if (!this.recentIds.addIfAbsent(request.uniqueId())) {
			logger.info("Dropping duplicate message {}", request.uniqueId());
			return;
		}
		String replyQueue = request.replyQueue();
		String msgId = request.msgId();
		ReplyPublisher.Address to = null;
		if (msgId != null && replyQueue != null) {
			to = this.replies.address(replyQueue, msgId, request.method());
			if (to == null) {
				// Not run either: its caller can never learn the outcome, and a legitimate client whose
				// reply queue the rule does not know would retry a call that already ran.
				return;
			}
		}
		EndpointMethod method;
		try {
			method = this.dispatcher.resolve(request);
		}
		catch (RuntimeException ex) {
			logFailure(request, ex, false);
			if (to != null) {
				replyWithoutInvoking(to, ex);
			}
			return;
		}
		dispatch(request, method, to);
	}

	private void dispatch(RpcRequest request, EndpointMethod method, ReplyPublisher.@Nullable Address to) {
		boolean holdsWorker = !method.asynchronous() || this.executor.kind() == ExecutorKind.EVENTLET;
		try {
			this.limiter.submit(holdsWorker, () -> run(request, method, holdsWorker, to));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Interrupted while waiting for room; request {} for {} is dropped", request.msgId(),
					request.method());
		}
	}

	private void run(RpcRequest request, EndpointMethod method, boolean holdsWorker,
			ReplyPublisher.@Nullable Address to) {
		RequestContext context = this.serializer
			.deserializeContext(request.context().with(RpcRequest.CLIENT_TIMEOUT, request.callMonitorTimeout()));
		RpcObserver.Completion observation = observe(request, context);
		AtomicReference<@Nullable Throwable> failed = new AtomicReference<>();
		Disposable heartbeats = startHeartbeats(request, to);
		this.executor.execute(method.invocation(context, request.args(), this.serializer))
			.doOnEach((signal) -> heartbeats.dispose())
			.flatMap((result) -> (to != null) ? this.replies.success(to, result) : Mono.<Void>empty())
			.onErrorResume((failure) -> {
				failed.set(failure);
				logFailure(request, failure, method.expects(failure));
				return (to != null) ? this.replies.failure(to, failure) : Mono.empty();
			})
			.doFinally((signal) -> {
				heartbeats.dispose();
				// The observation ends once the reply is out, and before the drain can see the request leave.
				Observing.complete(observation, failed.get());
				this.limiter.release(holdsWorker);
			})
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
		return Disposables.disposed();
	}

	private void replyWithoutInvoking(ReplyPublisher.Address to, Throwable failure) {
		this.limiter.enter();
		Mono.defer(() -> this.replies.failure(to, failure))
			.subscribeOn(this.executor.replyScheduler())
			.doFinally((signal) -> this.limiter.exit())
			.subscribe();
	}

	private static void logFailure(RpcRequest request, Throwable failure, boolean expected) {
		if (expected) {
			logger.debug("Expected exception during message handling ({}): {}", request.method(), failure.toString());
		}
		else if (failure instanceof RemoteException || failure instanceof ArgumentException) {
			logger.warn("Cannot serve {} (version {}, namespace {}): {}", request.method(), request.version(),
					request.namespace(), failure.getMessage());
		}
		else {
			logger.error("Exception during message handling ({})", request.method(), failure);
		}
	}

}
