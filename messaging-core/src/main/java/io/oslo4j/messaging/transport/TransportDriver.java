package io.oslo4j.messaging.transport;

import java.util.List;

import io.oslo4j.messaging.Target;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The transport SPI: what a transport must do to carry oslo messages, and nothing more. The RPC
 * client and server, the notifier and the notification listener are written against this
 * interface only, and one contract test suite holds every implementation to it.
 *
 * <p>Messages are opaque encoded bodies here; encoding, decoding, duplicate suppression and
 * acknowledgement policy belong to the callers. Routing follows oslo's RabbitMQ driver: a request
 * goes to exchange {@code target.exchange} (or the control exchange) with routing key
 * {@code topic} or {@code topic.server}, or to the fanout exchange {@code <topic>_fanout}; a reply
 * goes to a reply queue by name; a notification goes to the control exchange with routing key
 * {@code <topic>.<priority>}.
 *
 * <p>Implementations are thread-safe. Publishing methods return cold {@link Mono}s that publish on
 * subscription and complete once the broker has taken the message (publisher confirms).
 *
 * @since 0.1
 */
public interface TransportDriver extends AutoCloseable {

	/** The exchange used when a target names none: oslo's {@code control_exchange}. */
	String controlExchange();

	/**
	 * Publishes an RPC request or cast to its target: the topic queue, the server's queue, or
	 * every server's fanout queue.
	 * @return completes when the broker confirmed the publish; fails with
	 * {@link io.oslo4j.messaging.MessageUndeliverableException} when the message was mandatory and
	 * no queue took it, or {@link io.oslo4j.messaging.MessageDeliveryFailureException} when it could
	 * not be published
	 */
	Mono<Void> sendRequest(Target target, OutgoingMessage message);

	/**
	 * Publishes an RPC request as {@link #sendRequest} does, without a {@link Mono}, if it can go
	 * out now without waiting on the caller's thread (rabbit: the exchange is declared, the
	 * connection is not blocked and an idle open channel is free); otherwise does nothing, and
	 * {@link #sendRequest} is the way. The outcome is told once, as {@code sendRequest}'s
	 * {@code Mono} would end, and never on a thread of the broker client's that must not block,
	 * unless it allows that it is told so of its publish ({@link PublishOutcome#publishedInline()}).
	 * By default never: the {@code Mono} is every publish's way.
	 * @return whether the request was written (or its write failed and the outcome was told)
	 * @since 0.3
	 */
	default boolean trySendRequestNow(Target target, OutgoingMessage message, PublishOutcome outcome) {
		return false;
	}

	/**
	 * Publishes a reply or heartbeat to a reply queue, mandatory. While the queue is missing the
	 * reply is held and retried for a bounded time (oslo: 60 s), then dropped, as {@link ReplyRetry}
	 * does; the returned publish completes once the reply is out or held, so that a reply to a
	 * vanished caller holds nothing of the server's.
	 */
	Mono<Void> sendReply(String replyQueue, OutgoingMessage message);

	/**
	 * Publishes a notification to the control exchange with routing key {@code <topic>.<priority>},
	 * having declared (once) the queue of that name, so that notifications wait for a listener that
	 * has yet to start.
	 */
	Mono<Void> sendNotification(String topic, String priority, OutgoingMessage message);

	/**
	 * Starts consuming this transport's reply queue, once, and hands every reply to the handler;
	 * the driver acknowledges replies itself, on receipt or in batches (a reply not acknowledged when
	 * the consumer's channel is lost comes again, to a call that has it). Later calls return the same
	 * queue name and ignore their handler.
	 * @return the reply queue's name, {@code reply_<32 hex>}
	 */
	String startReplyConsumer(DeliveryHandler handler);

	/**
	 * Starts consuming RabbitMQ's direct reply-to pseudo-queue {@code amq.rabbitmq.reply-to}
	 * (without acknowledgement), once, and hands every reply to the handler; later calls return the
	 * same address source and ignore their handler. The address is valid while the consuming channel
	 * lives: after a reconnect {@link ReplyAddress#address()} consumes again and learns a new one, and
	 * replies sent to the old one are lost.
	 * @throws UnsupportedOperationException if the transport has no direct reply-to, as
	 * {@code fake://} has not
	 * @since 0.3
	 */
	default ReplyAddress startDirectReplyConsumer(DeliveryHandler handler) {
		throw new UnsupportedOperationException("direct reply-to is a RabbitMQ feature; the " + getClass().getSimpleName()
				+ " transport has none: use rabbit://, or leave RpcClient.Builder.directReplyTo (messaging.client"
				+ ".direct-reply-to) off for the named reply queue");
	}

	/**
	 * Declares and consumes an RPC server's queues: {@code <topic>} and {@code <topic>.<server>} on
	 * the target's exchange, and a fresh {@code <topic>_fanout_<32 hex>} on {@code <topic>_fanout}.
	 * @param target a target with topic and server
	 */
	Listener listen(Target target, DeliveryHandler handler);

	/**
	 * Declares and consumes notification queues: one {@code <topic>.<priority>} queue per binding,
	 * or, with a pool, a single queue named exactly after the pool bound to every binding.
	 */
	Listener listenForNotifications(List<NotificationBinding> bindings, @Nullable String pool,
			DeliveryHandler handler);

	/**
	 * How long a sender waits before each retry of a failed publish; {@link Transport#publishRetry(Integer)}
	 * builds every client's and notifier's retry on it. By default no wait, as suits a transport
	 * whose publishes cannot fail for a broker that is away.
	 */
	default PublishBackoff publishBackoff() {
		return PublishBackoff.NONE;
	}

	/** Whether the transport holds a working connection right now. */
	boolean isConnected();

	/**
	 * Why the broker blocks this transport's publishing connection right now (a memory or disk
	 * alarm, RabbitMQ's {@code connection.blocked}), or null while it does not. While blocked,
	 * publishes wait for the broker's confirm, and calls time out.
	 */
	default @Nullable String blockedReason() {
		return null;
	}

	/** Releases every connection and stops the reply consumer. */
	@Override
	void close();

}
