package io.oslo4j.messaging.rpc;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.RpcRequest;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sending side of an {@link RpcClient} and its copies: turns a call or cast into a request
 * (arguments and context through the serializer), publishes it with its retry, and for a call
 * waits for the reply ({@link ReplyWaiter}) and rebuilds its failure
 * ({@link RemoteExceptionTranslator}). Each send is observed from its subscription to its
 * outcome ({@link Observing}). What may differ between copies comes with each send, as
 * {@link CallOptions}.
 */
final class RequestSender {

	private final Transport transport;

	private final Serializer serializer;

	private final RpcObserver observer;

	private final RemoteExceptionTranslator remoteExceptions;

	/**
	 * @param serializer how arguments, contexts and results are converted; null for Jackson with
	 * the transport's mapper, nothing more
	 */
	RequestSender(Transport transport, @Nullable Serializer serializer, RpcObserver observer,
			RemoteExceptionTranslator remoteExceptions) {
		this.transport = transport;
		this.serializer = (serializer != null) ? serializer : Serializer.jackson(transport.envelope().mapper());
		this.observer = observer;
		this.remoteExceptions = remoteExceptions;
	}

	Serializer serializer() {
		return this.serializer;
	}

	JsonMapper mapper() {
		return this.transport.envelope().mapper();
	}

	/** A call, sent on subscription: its JSON result, or its failure. */
	Mono<JsonNode> call(CallOptions options, RequestContext context, String method, Map<String, ?> args) {
		return Observing.clientCall(this.observer, observed(options, context, method, true), (sent) -> {
			ObjectNode arguments = arguments(context, args);
			options.checkSendable(true);
			RequestContext wireContext = this.serializer.serializeContext(sent);
			ReplyWaiter waiter = options.directReplyTo()
					? this.transport.shared(ReplyWaiter.Direct.class, ReplyWaiter.Direct::new)
					: this.transport.shared(ReplyWaiter.class, ReplyWaiter::new);
			return waiter
				.call(options, (msgId, replyQueue) -> outgoing(options,
						request(options, method, arguments, msgId, replyQueue, wireContext), options.timeout()))
				.<JsonNode>handle((reply, sink) -> this.remoteExceptions.outcome(reply, mapper(), sink));
		});
	}

	/** A call's result as the serializer reads {@code type}, sent on subscription: the one path of every typed call. */
	@SuppressWarnings("unchecked")
	<T> Mono<T> call(CallOptions options, RequestContext context, String method, Map<String, ?> args, Type type) {
		return call(options, context, method, args)
			.mapNotNull((node) -> node.isNull() ? null : (T) this.serializer.deserializeEntity(context, node, type));
	}

	/** A cast, sent on subscription, completing once the broker has it. */
	Mono<Void> cast(CallOptions options, RequestContext context, String method, Map<String, ?> args) {
		return Observing.clientCall(this.observer, observed(options, context, method, false), (sent) -> {
			options.checkSendable(false);
			ObjectNode arguments = arguments(context, args);
			return outgoing(options, request(options, method, arguments, null, null, this.serializer.serializeContext(sent)),
					null).publish();
		});
	}

	private static RpcObserver.Call observed(CallOptions options, RequestContext context, String method, boolean call) {
		return new RpcObserver.Call(options.target(), method, call, context, null);
	}

	/**
	 * A request to the options' target; a call's carries its message id and reply queue.
	 * @param context the context as the serializer has put it on the wire
	 */
	private static RpcRequest request(CallOptions options, String method, ObjectNode arguments, @Nullable String msgId,
			@Nullable String replyQueue, RequestContext context) {
		Target target = options.target();
		return new RpcRequest(method, arguments, target.namespace(), target.version(), msgId, replyQueue,
				(msgId != null) ? options.callMonitorSeconds() : null, MessageIds.newHexId(), context);
	}

	/** The request encoded, ready to publish to the options' target with their retry. */
	private OutgoingRequest outgoing(CallOptions options, RpcRequest request, @Nullable Duration expiration) {
		byte[] body = this.transport.envelope().wrap(request);
		OutgoingMessage message = new OutgoingMessage(body, expiration, options.mandatory());
		return new OutgoingRequest(this.transport, options.target(), message, options.retry());
	}

	/** Each argument through the serializer, with the caller's context, as oslo does. */
	private ObjectNode arguments(RequestContext context, Map<String, ?> args) {
		ObjectNode node = mapper().createObjectNode();
		args.forEach((name, value) -> node.set(name, this.serializer.serializeEntity(context, value)));
		return node;
	}

}
