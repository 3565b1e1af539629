package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import com.rabbitmq.client.ShutdownSignalException;
import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessageUndeliverableException;
import io.oslo4j.messaging.transport.PublishOutcome;

import org.jspecify.annotations.Nullable;


/**
 * One channel in publisher-confirm mode. Publishes do not wait for their confirm: each is kept
 * pending under its sequence number until the broker's {@code basic.ack} (or {@code nack}) arrives,
 * so many publishes are in flight on one channel. Used by one publisher at a time.
 *
 * <p>A mandatory message that no queue takes comes back as {@code basic.return}, always before its
 * confirm. The return carries no sequence number, and oslo's messages must go out without a
 * correlation header, so it is matched to the oldest pending mandatory message with the same
 * exchange, routing key and body; equal candidates are interchangeable.
 *
 * <p>The broker's callbacks arrive on amqp-client's connection thread, which must never block nor
 * issue a synchronous AMQP method; the publishers' {@link PublishOutcome}s are therefore told on the
 * driver's {@link ConfirmCompletions}, one task per publish, those of one acknowledgement handed
 * over together.
 */
final class ConfirmChannel implements ConfirmListener, ReturnListener {

	private final Channel channel;

	private final ConfirmCompletions completions;

	private final NavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();

	ConfirmChannel(Channel channel, ConfirmCompletions completions) throws IOException {
		this.channel = channel;
		this.completions = completions;
		channel.addConfirmListener(this);
		channel.addReturnListener(this);
		channel.addShutdownListener(this::failAll);
		channel.confirmSelect();
	}

	boolean isOpen() {
		return this.channel.isOpen();
	}

	/**
	 * Publishes; the outcome is told, on the completions executor, that it is published when the
	 * broker confirms, or that it failed with {@link MessageUndeliverableException} when a mandatory
	 * message came back, or with {@link ChannelLostException} when the channel closed first.
	 * @throws IOException if the message could not be written; the outcome is then left alone
	 */
	void publish(String exchange, String routingKey, boolean mandatory, AMQP.BasicProperties properties, byte[] body,
			PublishOutcome outcome) throws IOException {
		long sequence = this.channel.getNextPublishSeqNo();
		this.pending.put(sequence, new Pending(exchange, routingKey, mandatory, body, outcome));
		try {
			this.channel.basicPublish(exchange, routingKey, mandatory, properties, body);
		}
		catch (IOException | ShutdownSignalException ex) {
			if (this.pending.remove(sequence) != null) {
				throw (ex instanceof IOException io) ? io : new IOException(ex);
			}
			// the channel's shutdown took the message over and failed its outcome
		}
	}

	/** Waits up to the given time for the broker to confirm what is in flight. */
	void awaitConfirms(long millis) {
		if (this.pending.isEmpty() || !this.channel.isOpen()) {
			return;
		}
		try {
			this.channel.waitForConfirms(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (TimeoutException | RuntimeException ex) {
			// closing goes on: what is still pending fails with the channel
		}
	}

	void close() {
		try {
			this.channel.abort();
		}
		catch (IOException ex) {
			// aborting ignores errors already
		}
	}

	@Override
	public void handleAck(long deliveryTag, boolean multiple) {
		settle(deliveryTag, multiple, null);
	}

	@Override
	public void handleNack(long deliveryTag, boolean multiple) {
		settle(deliveryTag, multiple, "the broker refused the message (basic.nack)");
	}

	@Override
	public void handleReturn(int replyCode, String replyText, String exchange, String routingKey,
			AMQP.BasicProperties properties, byte[] body) {
		for (Pending candidate : this.pending.values()) {
			if (candidate.mandatory && !candidate.returned && candidate.exchange.equals(exchange)
					&& candidate.routingKey.equals(routingKey) && Arrays.equals(candidate.body, body)) {
				candidate.returned = true;
				return;
			}
		}
	}

	private void settle(long deliveryTag, boolean multiple, @Nullable String nack) {
		if (!multiple) {
			Pending one = this.pending.remove(deliveryTag);
			if (one != null) {
				this.completions.execute(one.settled(nack));
			}
			return;
		}
		List<Pending> settled = take(this.pending.headMap(deliveryTag, true));
		settled.forEach((publish) -> publish.settled(nack));
		this.completions.executeAll(settled);
	}

	private void failAll(ShutdownSignalException cause) {
		List<Pending> lost = take(this.pending);
		lost.forEach((publish) -> publish.lost(cause));
		this.completions.executeAll(lost);
	}

	/** Removes the entries of a view of the pending map; whoever removes an entry completes it. */
	private List<Pending> take(Map<Long, Pending> view) {
		List<Pending> taken = new ArrayList<>();
		for (Map.Entry<Long, Pending> entry : view.entrySet()) {
			if (this.pending.remove(entry.getKey(), entry.getValue())) {
				taken.add(entry.getValue());
			}
		}
		return taken;
	}

	/**
	 * A publish waiting for its confirm; once settled (or lost), the telling of its outcome, which
	 * runs on the completions executor. Each is handed over alone, so that one publisher's slow
	 * completion never holds up the others of the same {@code multiple} acknowledgement.
	 */
	private static final class Pending implements Runnable {

		private final String exchange;

		private final String routingKey;

		private final boolean mandatory;

		private final byte[] body;

		private final PublishOutcome outcome;

		private volatile boolean returned;

		/** The broker's refusal, set before the hand-over to the completions executor. */
		private @Nullable String nack;

		/** The channel's shutdown, set before the hand-over to the completions executor. */
		private @Nullable ShutdownSignalException lost;

		Pending(String exchange, String routingKey, boolean mandatory, byte[] body, PublishOutcome outcome) {
			this.exchange = exchange;
			this.routingKey = routingKey;
			this.mandatory = mandatory;
			this.body = body;
			this.outcome = outcome;
		}

		Pending settled(@Nullable String nack) {
			this.nack = nack;
			return this;
		}

		Pending lost(ShutdownSignalException cause) {
			this.lost = cause;
			return this;
		}

		/** Tells the outcome; on the completions executor. */
		@Override
		public void run() {
			ShutdownSignalException lost = this.lost;
			String nack = this.nack;
			if (lost != null) {
				this.outcome.failed(new ChannelLostException(lost));
			}
			else if (this.returned) {
				this.outcome.failed(new MessageUndeliverableException(this.exchange, this.routingKey));
			}
			else if (nack != null) {
				this.outcome.failed(new MessageDeliveryFailureException(nack, null));
			}
			else {
				this.outcome.published();
			}
		}

	}

}
