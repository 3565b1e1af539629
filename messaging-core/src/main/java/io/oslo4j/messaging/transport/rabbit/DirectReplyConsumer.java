package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.ReplyAddress;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of RabbitMQ's direct reply-to: one channel of the listening connection consumes the
 * pseudo-queue {@value #PSEUDO_QUEUE} without acknowledgement, and learns its address from the
 * broker by sending itself a probe: a message published on that channel with
 * {@code reply_to = amq.rabbitmq.reply-to}, to a server-named exclusive queue of its own, arrives
 * with {@code reply_to} rewritten to the full address {@code amq.rabbitmq.reply-to.<...>}. oslo's
 * servers publish a reply to the default exchange with {@code _reply_q} as the routing key, which
 * RabbitMQ routes to the consumer that owns the address.
 *
 * <p>The address lives as long as the channel: once it is closed (a connection loss, a broker
 * restart), {@link #ready()} is null and the next {@link #address()} consumes on a new channel,
 * under a new address. Replies to the old one are lost: their calls end at their timeout. Replies
 * are handed over on amqp-client's dispatch thread for the channel, one at a time.
 */
final class DirectReplyConsumer implements ReplyAddress, AutoCloseable {

	static final String PSEUDO_QUEUE = "amq.rabbitmq.reply-to";

	private static final Logger logger = LoggerFactory.getLogger(DirectReplyConsumer.class);

	private final RabbitConnections connections;

	/** How long the broker may take to return the probe that tells the address. */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

	private @Nullable DeliveryHandler handler;

	private volatile @Nullable Subscription current;

	private volatile boolean closed;

	DirectReplyConsumer(RabbitConnections connections) {
		this.connections = connections;
	}

	/**
	 * Names the handler of every reply, the first time; later calls keep it. Consuming starts with
	 * the first {@link #address()}.
	 */
	synchronized ReplyAddress start(DeliveryHandler handler) {
		if (this.handler == null) {
			this.handler = handler;
		}
		return this;
	}

	/** Whether a reply queue is a direct reply-to address. */
	static boolean isAddress(String replyQueue) {
		return replyQueue.startsWith(PSEUDO_QUEUE + ".");
	}

	@Override
	public @Nullable String ready() {
		Subscription subscription = this.current;
		return (subscription != null && subscription.channel().isOpen()) ? subscription.address() : null;
	}

	@Override
	public synchronized String address() {
		String ready = ready();
		if (ready != null) {
			return ready;
		}
		DeliveryHandler replies = this.handler;
		if (this.closed || replies == null) {
			throw new MessagingException(this.closed ? "the transport is closed" : "direct reply-to was not started");
		}
		Subscription lost = this.current;
		Channel channel = this.connections.openListeningChannel();
		try {
			channel.basicConsume(PSEUDO_QUEUE, true, new Replies(channel, replies));
			String address = learnAddress(channel);
			this.current = new Subscription(channel, address);
			if (lost != null) {
				logger.warn("Direct reply-to: the channel of {} is gone, with the replies still to come to it; "
						+ "calls now name {}", lost.address(), address);
			}
			return address;
		}
		catch (IOException | RuntimeException ex) {
			ListenerChannels.abort(channel);
			if (ex instanceof MessagingException messaging) {
				throw messaging;
			}
			throw new MessageDeliveryFailureException("cannot consume " + PSEUDO_QUEUE + " (direct reply-to): "
					+ BrokerErrors.describe(ex), ex);
		}
	}

	/** Closes the channel: replies still to come are lost. */
	@Override
	public synchronized void close() {
		this.closed = true;
		Subscription subscription = this.current;
		if (subscription != null) {
			ListenerChannels.abort(subscription.channel());
		}
	}

	/** Sends the probe to a queue of its own and reads the address the broker wrote into it. */
	private String learnAddress(Channel channel) throws IOException {
		String probeQueue = channel.queueDeclare().getQueue();
		CompletableFuture<@Nullable String> replyTo = new CompletableFuture<>();
		channel.basicConsume(probeQueue, true, new DefaultConsumer(channel) {

			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] body) {
				replyTo.complete(properties.getReplyTo());
			}

		});
		channel.basicPublish("", probeQueue, new AMQP.BasicProperties.Builder().replyTo(PSEUDO_QUEUE).build(),
				new byte[0]);
		try {
			String address = replyTo.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (address == null || !isAddress(address)) {
				throw new MessagingException("the broker did not rewrite reply_to to a direct reply-to address (got "
						+ address + "): RabbitMQ 3.4 or later is needed");
			}
			return address;
		}
		catch (TimeoutException ex) {
			throw new MessageDeliveryFailureException("the broker did not return the direct reply-to probe within "
					+ PROBE_TIMEOUT.toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MessageDeliveryFailureException("interrupted while learning the direct reply-to address", ex);
		}
		catch (ExecutionException ex) {
			throw new MessageDeliveryFailureException("direct reply-to probe failed", ex);
		}
		finally {
			channel.queueDelete(probeQueue);
		}
	}

	/** A consuming channel and the address the broker gave it. */
	private record Subscription(Channel channel, String address) {
	}

	/** The consumer of the pseudo-queue: replies arrive acknowledged already (no-ack). */
	private static final class Replies extends DefaultConsumer {

		private final DeliveryHandler handler;

		Replies(Channel channel, DeliveryHandler handler) {
			super(channel);
			this.handler = handler;
		}

		@Override
		public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
				byte[] body) {
			try {
				this.handler.onDelivery(RabbitDelivery.autoAcknowledged(getChannel(), envelope.getDeliveryTag(),
						properties, body));
			}
			catch (RuntimeException ex) {
				logger.error("Direct reply-to: the reply handler failed; reply dropped", ex);
			}
		}

		/** A consumer the broker cancelled consumes no more: the channel goes, and the next call consumes again. */
		@Override
		public void handleCancel(String consumerTag) {
			logger.warn("Direct reply-to: the broker cancelled the consumer; calls will consume again");
			ListenerChannels.abort(getChannel());
		}

	}

}
