package io.oslo4j.messaging.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.ReplyAddress;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.MalformedMessageException;
import io.oslo4j.messaging.wire.MessageType;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.RpcReply;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The reply protocol of a transport's RPC clients: a call is published with a fresh
 * {@code _msg_id} and the transport's reply address as {@code _reply_q}, and waits for the replies
 * that carry its id. One reply address per transport, shared by all its clients, as in oslo: the
 * named reply queue, or, for the clients with direct reply-to ({@link Direct}), RabbitMQ's direct
 * reply-to address of the moment. Replies for an id nobody waits for (the call timed out, or a
 * server keeps sending heartbeats) are dropped quietly.
 */
class ReplyWaiter {

	private static final Logger logger = LoggerFactory.getLogger(ReplyWaiter.class);

	private final Transport transport;

	private final Envelope envelope;

	private final Map<String, PendingCall> pending = new ConcurrentHashMap<>();

	private final Function<DeliveryHandler, ReplyAddress> start;

	private volatile @Nullable ReplyAddress replyAddress;

	/** The waiter on the transport's named reply queue. */
	ReplyWaiter(Transport transport) {
		this(transport, (handler) -> ReplyAddress.of(transport.driver().startReplyConsumer(handler)));
	}

	/** @param start starts the transport's reply consumer, once, and gives its address */
	private ReplyWaiter(Transport transport, Function<DeliveryHandler, ReplyAddress> start) {
		this.transport = transport;
		this.envelope = transport.envelope();
		this.start = start;
	}

	/**
	 * Publishes a call and waits for the reply that answers it, with a result or a failure. The
	 * call fails with {@link MessagingTimeoutException} once {@code options.timeout()} has passed,
	 * and, with a call monitor timeout, once no reply or heartbeat has come for that long. Each
	 * subscription is one call, with a fresh message id, waited for by one {@link PendingCall},
	 * which also publishes the request ({@link PendingCall#publish}); until the reply address is
	 * ready (the first call), the request waits for it and goes as a {@code Mono}.
	 * @param request the request for its message id and reply queue
	 */
	Mono<RpcReply> call(CallOptions options, BiFunction<String, String, OutgoingRequest> request) {
		return Mono.create((sink) -> {
			String msgId = MessageIds.newHexId();
			PendingCall call = new PendingCall(msgId, sink, options.timeout(), options.callMonitorTimeout(), this.pending);
			try {
				ReplyAddress started = this.replyAddress;
				String ready = (started != null) ? started.ready() : null;
				if (ready != null) {
					call.publish(request.apply(msgId, ready));
				}
				else {
					replyAddress(options).flatMap((replyQueue) -> request.apply(msgId, replyQueue).publish())
						.subscribe(call);
				}
			}
			catch (RuntimeException ex) {
				call.fail(ex);
			}
		});
	}

	/**
	 * This transport's reply address. The first call starts the reply consumer, and with direct
	 * reply-to the first call after a reconnect learns the new address, on a {@code boundedElastic}
	 * thread, since that connects to the broker, which must not hold the caller past its timeout.
	 */
	Mono<String> replyAddress(CallOptions options) {
		ReplyAddress started = this.replyAddress;
		String ready = (started != null) ? started.ready() : null;
		return (ready != null) ? Mono.just(ready)
				: connecting(options,
						Mono.fromCallable(() -> startReplyConsumer().address()).subscribeOn(Schedulers.boundedElastic()));
	}

	/** The way to an address not ready yet: {@code connect}, tried once. */
	Mono<String> connecting(CallOptions options, Mono<String> connect) {
		return connect;
	}

	private ReplyAddress startReplyConsumer() {
		ReplyAddress address = this.replyAddress;
		if (address == null) {
			synchronized (this) {
				address = this.replyAddress;
				if (address == null) {
					address = this.start.apply(this::onReply);
					this.replyAddress = address;
				}
			}
		}
		return address;
	}

	Transport transport() {
		return this.transport;
	}

	private void onReply(Delivery delivery) {
		RpcReply reply;
		try {
			reply = MessageType.REPLY.decode(this.envelope, delivery.body(), delivery.contentType(), delivery.headers());
		}
		catch (MalformedMessageException ex) {
			logger.warn("Dropping a malformed reply: {}", ex.getMessage());
			return;
		}
		PendingCall call = this.pending.get(reply.msgId());
		if (call == null) {
			logger.debug("No call is waiting for reply {}: dropped", reply.msgId());
			return;
		}
		call.onReply(reply);
	}

	/**
	 * The waiter of the clients with direct reply-to, on RabbitMQ's {@code amq.rabbitmq.reply-to}
	 * ({@link io.oslo4j.messaging.transport.TransportDriver#startDirectReplyConsumer}). Learning an
	 * address connects, and is retried as a publish is ({@link CallOptions#retry()}): after a
	 * reconnect, calls wait for the new address rather than fail.
	 */
	static final class Direct extends ReplyWaiter {

		Direct(Transport transport) {
			super(transport, transport.driver()::startDirectReplyConsumer);
		}

		@Override
		Mono<String> connecting(CallOptions options, Mono<String> connect) {
			return transport().retryingPublish(connect, options.retry());
		}

	}

}
