package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel in publisher-confirm mode. Publishes do not wait for their confirm: each is kept
 * pending under its sequence number until the broker's {@code basic.ack} (or {@code nack}) arrives,
 * so many publishes are in flight on one channel. Used by one publisher at a time, so sequence
 * numbers are consecutive and the pending publishes are a queue in their order, under this
 * channel's lock: an acknowledgement settles from the head (a {@code multiple} one pops while the
 * head is at or below its tag; a single one is nearly always the head, and is searched for
 * otherwise), and whatever is settled is handed over outside the lock.
 *
 * <p>A mandatory message that no queue takes comes back as {@code basic.return}, always before its
 * confirm. The return carries no sequence number, and oslo's messages must go out without a
 * correlation header, so it is matched to the oldest pending mandatory message with the same
 * exchange, routing key and body; equal candidates are interchangeable.
 *
 * <p>The broker's callbacks arrive on amqp-client's connection thread, which must never block nor
 * issue a synchronous AMQP method; the publishers' {@link PublishOutcome}s are therefore told on the
 * driver's {@link ConfirmCompletions}, one task per publish, those of one acknowledgement handed
 * over together. Only an outcome that only keeps its books ({@link PublishOutcome#publishedInline()},
 * a call's request) is told that it is published on that thread, at once.
 */
final class ConfirmChannel implements ConfirmListener, ReturnListener {

	private static final Logger logger = LoggerFactory.getLogger(ConfirmChannel.class);

	private final Channel channel;

	private final ConfirmCompletions completions;

	/** The publishes waiting for their confirm, in sequence order; guarded by {@code this}. */
	private final ArrayDeque<Pending> pending = new ArrayDeque<>();

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
	 * Publishes; the outcome is told, on the completions executor (or at once, for an outcome that
	 * allows it: {@link PublishOutcome#publishedInline()}), that it is published when the broker
	 * confirms, or that it failed with {@link MessageUndeliverableException} when a mandatory
	 * message came back, or with {@link ChannelLostException} when the channel closed first.
	 * @throws IOException if the message could not be written; the outcome is then left alone
	 */
	void publish(String exchange, String routingKey, boolean mandatory, AMQP.BasicProperties properties, byte[] body,
			PublishOutcome outcome) throws IOException {
		Pending publish = new Pending(this.channel.getNextPublishSeqNo(), exchange, routingKey, mandatory, body, outcome);
		synchronized (this) {
			this.pending.addLast(publish);
		}
		try {
			this.channel.basicPublish(exchange, routingKey, mandatory, properties, body);
		}
		catch (IOException | ShutdownSignalException ex) {
			boolean removed;
			synchronized (this) {
				removed = this.pending.removeLastOccurrence(publish);
			}
			if (removed) {
				throw (ex instanceof IOException io) ? io : new IOException(ex);
			}
			// the channel's shutdown took the message over and failed its outcome
		}
	}

	/** Waits up to the given time for the broker to confirm what is in flight. */
	void awaitConfirms(long millis) {
		boolean none;
		synchronized (this) {
			none = this.pending.isEmpty();
		}
		if (none || !this.channel.isOpen()) {
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
		synchronized (this) {
			for (Pending candidate : this.pending) {
				if (candidate.mandatory && !candidate.returned && candidate.exchange.equals(exchange)
						&& candidate.routingKey.equals(routingKey) && Arrays.equals(candidate.body, body)) {
					candidate.returned = true;
					return;
				}
			}
		}
	}

	/**
	 * Tells the publishes a confirm settles, on the completions executor; those whose outcome
	 * allows it ({@link PublishOutcome#publishedInline()}), when published, at once on this
	 * (the connection's) thread, after the others are handed over, each on its own so that one
	 * that throws neither closes the channel nor keeps the others from being told.
	 */
	private void settle(long deliveryTag, boolean multiple, @Nullable String nack) {
		if (!multiple) {
			Pending one = takeOne(deliveryTag);
			if (one != null) {
				one.settled(nack);
				if (one.tellsInline()) {
					tellInline(one);
				}
				else {
					this.completions.execute(one);
				}
			}
			return;
		}
		List<Pending> settled = takeUpTo(deliveryTag);
		List<Pending> inline = null;
		int handedOver = 0;
		for (Pending publish : settled) {
			publish.settled(nack);
			if (publish.tellsInline()) {
				if (inline == null) {
					inline = new ArrayList<>(settled.size());
				}
				inline.add(publish);
			}
			else {
				settled.set(handedOver++, publish);
			}
		}
		this.completions.executeAll(settled.subList(0, handedOver));
		if (inline != null) {
			inline.forEach(ConfirmChannel::tellInline);
		}
	}

	private static void tellInline(Pending publish) {
		try {
			publish.run();
		}
		catch (RuntimeException ex) {
			logger.warn("A publish's outcome failed on being told of its confirm", ex);
		}
	}

	private void failAll(ShutdownSignalException cause) {
		List<Pending> lost;
		synchronized (this) {
			lost = new ArrayList<>(this.pending);
			this.pending.clear();
		}
		lost.forEach((publish) -> publish.lost(cause));
		this.completions.executeAll(lost);
	}

	/** Removes the publish of one sequence number: the head, nearly always. */
	private synchronized @Nullable Pending takeOne(long sequence) {
		Pending head = this.pending.peekFirst();
		if (head == null || head.sequence > sequence) {
			return null;
		}
		if (head.sequence == sequence) {
			return this.pending.pollFirst();
		}
		for (Iterator<Pending> publishes = this.pending.iterator(); publishes.hasNext();) {
			Pending publish = publishes.next();
			if (publish.sequence >= sequence) {
				if (publish.sequence != sequence) {
					return null;
				}
				publishes.remove();
				return publish;
			}
		}
		return null;
	}

	/** Removes the publishes up to a sequence number, from the head; whoever removes one completes it. */
	private synchronized List<Pending> takeUpTo(long sequence) {
		List<Pending> taken = new ArrayList<>();
		Pending head;
		while ((head = this.pending.peekFirst()) != null && head.sequence <= sequence) {
			taken.add(this.pending.pollFirst());
		}
		return taken;
	}

	/**
	 * A publish waiting for its confirm; once settled (or lost), the telling of its outcome, which
	 * runs on the completions executor. Each is handed over alone, so that one publisher's slow
	 * completion never holds up the others of the same {@code multiple} acknowledgement.
	 */
	private static final class Pending implements Runnable {

		private final long sequence;

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

		Pending(long sequence, String exchange, String routingKey, boolean mandatory, byte[] body,
				PublishOutcome outcome) {
			this.sequence = sequence;
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

		/** Whether the outcome is told on the connection's thread: published, to an outcome that allows it. */
		boolean tellsInline() {
			return this.lost == null && this.nack == null && !this.returned && this.outcome.publishedInline();
		}

		/** Tells the outcome; on the completions executor, or inline when {@link #tellsInline()}. */
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
