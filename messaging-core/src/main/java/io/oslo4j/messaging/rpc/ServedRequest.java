package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.wire.RpcRequest;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * One admitted request from its outcome to its reply, as one subscriber: subscribed first to the
 * executor's outcome (signalled on the reply scheduler), it stops the heartbeats, then subscribes
 * to the reply (the result, or the failure, logged) and, once that is out (or at once, for a
 * cast), ends the observation and calls {@code done}, in that order, so that a draining server
 * sees the request leave only after its reply and its observation.
 */
final class ServedRequest implements CoreSubscriber<Object> {

	private static final Logger logger = LoggerFactory.getLogger(ServedRequest.class);

	private final @Nullable String methodName;

	private final @Nullable String version;

	private final @Nullable String namespace;

	private final RpcHandlerMethod method;

	private final ReplyPublisher replies;

	private final ReplyPublisher.@Nullable Address to;

	private final Disposable heartbeats;

	private final RpcObserver.Completion observation;

	private final Runnable done;

	private @Nullable JsonNode result;

	private @Nullable Throwable failure;

	/** Whether the signals now come from the reply rather than the outcome. */
	private boolean replying;

	ServedRequest(RpcRequest request, RpcHandlerMethod method, ReplyPublisher replies,
			ReplyPublisher.@Nullable Address to, Disposable heartbeats, RpcObserver.Completion observation,
			Runnable done) {
		// what the log of a failure names: the request itself (its context, its ids) is not kept while it runs
		this.methodName = request.method();
		this.version = request.version();
		this.namespace = request.namespace();
		this.method = method;
		this.replies = replies;
		this.to = to;
		this.heartbeats = heartbeats;
		this.observation = observation;
		this.done = done;
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(Object value) {
		if (!this.replying) {
			this.result = (JsonNode) value;
		}
	}

	@Override
	public void onError(Throwable error) {
		if (this.replying) {
			// the reply's own failures are dropped by the ReplyPublisher; this is a last resort
			logger.warn("Reply to {} failed: {}", this.methodName, error.toString());
			end();
			return;
		}
		this.heartbeats.dispose();
		this.failure = error;
		RequestExecution.logFailure(this.methodName, this.version, this.namespace, error, this.method.expects(error));
		reply();
	}

	@Override
	public void onComplete() {
		if (this.replying) {
			end();
			return;
		}
		this.heartbeats.dispose();
		reply();
	}

	/**
	 * Subscribes to the reply the outcome asks for: its failure, else its result. A cast, or an
	 * outcome without a value (which a flatMap of it would not answer either), ends at once.
	 */
	private void reply() {
		ReplyPublisher.Address to = this.to;
		JsonNode result = this.result;
		Throwable failure = this.failure;
		if (to == null || (failure == null && result == null)) {
			end();
			return;
		}
		this.replying = true;
		Mono<Void> reply;
		try {
			reply = (failure != null) ? this.replies.failure(to, failure) : this.replies.success(to, result);
		}
		catch (RuntimeException ex) {
			onError(ex);
			return;
		}
		reply.subscribe(this);
	}

	private void end() {
		this.heartbeats.dispose();
		// The observation ends once the reply is out, and before the drain can see the request leave.
		Observing.complete(this.observation, this.failure);
		this.done.run();
	}

}
