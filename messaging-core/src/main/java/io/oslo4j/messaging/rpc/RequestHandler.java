package io.oslo4j.messaging.rpc;

import java.util.function.BooleanSupplier;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.executor.Invocation;
import io.oslo4j.messaging.executor.Lane;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.server.Decoder;
import io.oslo4j.messaging.server.InFlight;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.wire.MalformedMessageException;
import io.oslo4j.messaging.wire.MalformedRequestException;
import io.oslo4j.messaging.wire.MessageType;
import io.oslo4j.messaging.wire.RecentIds;
import io.oslo4j.messaging.wire.RpcRequest;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * An RPC server's pipeline on the transport's consumer thread, up to the executor. For each
 * delivery: decode it (a malformed one is rejected without requeue, and answered with an error
 * when it names a reply queue), give it back to its queue if the server has just stopped,
 * acknowledge it before anything runs (RPC is at most once, as in oslo), drop duplicates, drop a
 * call whose reply queue is not a reply address (see {@link ReplyAddressRule}), find the method,
 * admit it into its lane of the in-flight bound (waiting for room there is the back-pressure), and
 * hand it to {@link RequestExecution}. Endpoint code never runs here.
 */
final class RequestHandler implements DeliveryHandler {

	private static final Logger logger = LoggerFactory.getLogger(RequestHandler.class);

	private final RpcDispatcher dispatcher;

	private final MessagingExecutor executor;

	private final InFlight inFlight;

	private final Decoder decoder;

	private final RequestExecution execution;

	private final RecentIds recentIds = new RecentIds();

	private final BooleanSupplier accepting;

	private final Serializer serializer;

	RequestHandler(RpcDispatcher dispatcher, MessagingExecutor executor, InFlight inFlight, Decoder decoder,
			RequestExecution execution, BooleanSupplier accepting, Serializer serializer) {
		this.dispatcher = dispatcher;
		this.executor = executor;
		this.inFlight = inFlight;
		this.decoder = decoder;
		this.execution = execution;
		this.accepting = accepting;
		this.serializer = serializer;
	}

	@Override
	public void onDelivery(Delivery delivery) {
		RpcRequest request = decode(delivery);
		if (request == null) {
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
		ReplyPublisher.@Nullable Address to = null;
		if (msgId != null && replyQueue != null) {
			to = this.execution.replyAddress(replyQueue, msgId, request.method());
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
			RequestExecution.logFailure(request, ex, false);
			this.execution.replyWithoutInvoking(to, ex);
			return;
		}
		admit(request, method, to);
	}

	private @Nullable RpcRequest decode(Delivery delivery) {
		try {
			return this.decoder.decode(delivery, MessageType.REQUEST);
		}
		catch (MalformedRequestException ex) {
			delivery.ack();
			logger.warn("Malformed RPC request: {}", ex.getMessage());
			String replyQueue = ex.getReplyQueue();
			String msgId = ex.getMsgId();
			if (replyQueue != null && msgId != null) {
				this.execution.replyWithoutInvoking(this.execution.replyAddress(replyQueue, msgId, null),
						new ArgumentException(ex.getMessage()));
			}
			return null;
		}
		catch (MalformedMessageException ex) {
			logger.warn("Rejecting a message that is not an oslo RPC request: {}", ex.getMessage());
			delivery.reject(false);
			return null;
		}
	}

	private void admit(RpcRequest request, EndpointMethod method, ReplyPublisher.@Nullable Address to) {
		RequestContext context = this.serializer
			.deserializeContext(request.context().with(RpcRequest.CLIENT_TIMEOUT, request.callMonitorTimeout()));
		Invocation<JsonNode> invocation = method.invocation(context, request.args(), this.serializer);
		Lane lane = this.executor.lane(invocation);
		this.inFlight.enter();
		try {
			this.inFlight.admit(lane, () -> this.execution.run(request, method, invocation, context, to, () -> {
				this.inFlight.release(lane);
				this.inFlight.exit();
			}));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.inFlight.exit();
			logger.warn("Interrupted while waiting for room; request {} for {} is dropped", request.msgId(),
					request.method());
		}
	}

}
