package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.MalformedMessageException;
import io.oslo4j.messaging.wire.RpcReply;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The reply side of a transport's RPC clients: one reply queue per transport, shared by all its
 * clients, as in oslo. Replies are routed to the waiting call by {@code _msg_id}; replies for an
 * id nobody waits for (the call timed out, or a server keeps sending heartbeats) are dropped
 * quietly.
 */
final class ReplyWaiter {

	private static final Logger logger = LoggerFactory.getLogger(ReplyWaiter.class);

	private static final Sinks.EmitFailureHandler RETRY_CONCURRENT =
			Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1));

	/**
	 * The first link of a call's reply buffer. A call gets one reply, or a few (heartbeats, an old
	 * server's result before its ending): Reactor's default link of 256 slots would cost every
	 * call in flight about 1 KB of heap for nothing; the buffer still grows if it must.
	 */
	private static final int REPLY_BUFFER = 8;

	private final Transport transport;

	private final Envelope envelope;

	private final Map<String, Sinks.Many<RpcReply>> pending = new ConcurrentHashMap<>();

	private volatile @Nullable String replyQueue;

	ReplyWaiter(Transport transport) {
		this.transport = transport;
		this.envelope = transport.envelope();
	}

	/** This transport's reply queue, consumed from the first call on. */
	String replyQueue() {
		String queue = this.replyQueue;
		if (queue == null) {
			synchronized (this) {
				queue = this.replyQueue;
				if (queue == null) {
					queue = this.transport.driver().startReplyConsumer(this::onReply);
					this.replyQueue = queue;
				}
			}
		}
		return queue;
	}

	/** The reply queue if it is consumed already, else null. */
	@Nullable String startedReplyQueue() {
		return this.replyQueue;
	}

	/** Starts waiting for the replies of a call; they arrive on the returned flux until {@link #forget}. */
	Flux<RpcReply> register(String msgId) {
		Sinks.Many<RpcReply> sink = Sinks.many()
			.unicast()
			.onBackpressureBuffer(Queues.<RpcReply>unbounded(REPLY_BUFFER).get());
		this.pending.put(msgId, sink);
		return sink.asFlux();
	}

	void forget(String msgId) {
		this.pending.remove(msgId);
	}

	int waiting() {
		return this.pending.size();
	}

	private void onReply(Delivery delivery) {
		RpcReply reply;
		try {
			reply = RpcReply.fromJson(this.envelope.mapper(),
					this.envelope.unwrap(delivery.body(), delivery.contentType(), delivery.headers()));
		}
		catch (MalformedMessageException ex) {
			logger.warn("Dropping a malformed reply: {}", ex.getMessage());
			return;
		}
		Sinks.Many<RpcReply> sink = this.pending.get(reply.msgId());
		if (sink == null) {
			logger.debug("No call is waiting for reply {}: dropped", reply.msgId());
			return;
		}
		sink.emitNext(reply, RETRY_CONCURRENT);
	}

}
