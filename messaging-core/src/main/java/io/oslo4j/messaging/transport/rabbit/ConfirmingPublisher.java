package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.PublishOutcome;
import io.oslo4j.messaging.wire.Compression;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes with publisher confirms on a small pool of {@link ConfirmChannel}s, oslo's pool of
 * sending connections. A publisher holds a channel only while it writes its message, not while it
 * waits for the confirm, so concurrent publishes pipeline on few channels; at most
 * {@code rpc_conn_pool_size} write at the same time.
 */
final class ConfirmingPublisher implements AutoCloseable {

	private static final long CLOSE_CONFIRM_WAIT_MILLIS = 2000;

	private final RabbitConnections connections;

	private final ConfirmCompletions completions;

	private final Semaphore writers;

	private final @Nullable String compression;

	private final Deque<ConfirmChannel> idle = new ConcurrentLinkedDeque<>();

	private final Set<ConfirmChannel> channels = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * @param completions where publishers' outcomes are told, never amqp-client's connection thread
	 * @param compression the content type of {@code kombu_compression} that every body is compressed
	 * with, or null
	 */
	ConfirmingPublisher(RabbitConnections connections, int maxChannels, ConfirmCompletions completions,
			@Nullable String compression) {
		this.connections = connections;
		this.completions = completions;
		this.writers = new Semaphore(maxChannels);
		this.compression = compression;
	}

	/**
	 * Publishes on subscription; completes once the broker confirmed. The subscriber's thread only
	 * writes the message to an idle open channel; when a channel must be opened (which may connect,
	 * and hang as long as an unresponsive broker lets it) or every channel is busy, the publish
	 * goes on on a {@code boundedElastic} thread, so that a caller's timeout always applies.
	 * @return fails with {@link io.oslo4j.messaging.MessageUndeliverableException} when a mandatory
	 * message came back, {@link ChannelLostException} when the channel closed before the confirm,
	 * {@link MessageDeliveryFailureException} when it could not be published
	 */
	Mono<Void> publish(String exchange, String routingKey, boolean mandatory, OutgoingMessage message) {
		return Mono.defer(() -> {
			// a blocked broker stops reading: a write may then wait for it, never on a caller's thread
			ConfirmChannel idleChannel = (this.connections.blockedReason() == null) ? acquireIdle() : null;
			if (idleChannel != null) {
				return publishOn(idleChannel, exchange, routingKey, mandatory, message);
			}
			return Mono.defer(() -> {
				ConfirmChannel channel;
				try {
					channel = acquire();
				}
				catch (RuntimeException ex) {
					return Mono.error(ex);
				}
				return publishOn(channel, exchange, routingKey, mandatory, message);
			}).subscribeOn(Schedulers.boundedElastic());
		});
	}

	/**
	 * Writes the message now, on the caller's thread, if it can be without waiting: the connection
	 * is not blocked, and an idle open channel and a writer's permit are free. The outcome is then
	 * told as {@link #publish}'s {@code Mono} would end (on the completions executor once the broker
	 * confirms, or on the connection's thread for an outcome that allows it; on this thread when the
	 * write itself failed). Otherwise nothing is done and
	 * {@link #publish} is the way, which goes on on a {@code boundedElastic} thread.
	 * @return whether the message was written (or its write failed and the outcome was told)
	 */
	boolean tryPublishNow(String exchange, String routingKey, boolean mandatory, OutgoingMessage message,
			PublishOutcome outcome) {
		// a blocked broker stops reading: a write may then wait for it, never on a caller's thread
		ConfirmChannel channel = (this.connections.blockedReason() == null) ? acquireIdle() : null;
		if (channel == null) {
			return false;
		}
		write(channel, exchange, routingKey, mandatory, message, outcome);
		return true;
	}

	private Mono<Void> publishOn(ConfirmChannel channel, String exchange, String routingKey, boolean mandatory,
			OutgoingMessage message) {
		return Mono.create((sink) -> write(channel, exchange, routingKey, mandatory, message, PublishOutcome.of(sink)));
	}

	/**
	 * Writes on a channel acquired for this message, and releases it before a failed write is told,
	 * so that what the outcome does next (a retry) finds the channel free.
	 */
	private void write(ConfirmChannel channel, String exchange, String routingKey, boolean mandatory,
			OutgoingMessage message, PublishOutcome outcome) {
		IOException failure = null;
		try {
			channel.publish(exchange, routingKey, mandatory, OsloMessageProperties.of(message, this.compression),
					body(message), outcome);
		}
		catch (IOException ex) {
			failure = ex;
		}
		finally {
			release(channel);
		}
		if (failure != null) {
			outcome.failed(new MessageDeliveryFailureException("cannot publish to exchange '" + exchange
					+ "' with routing key '" + routingKey + "': " + BrokerErrors.describe(failure), failure));
		}
	}

	/**
	 * Publishes on a channel of its own, opened for this message and closed after its confirm, so
	 * that whatever the broker says about that channel is about this message alone.
	 */
	Mono<Void> publishAlone(String exchange, String routingKey, boolean mandatory, OutgoingMessage message) {
		return Mono.defer(() -> {
			if (this.closed) {
				return Mono.error(new MessageDeliveryFailureException("the transport is closed", null));
			}
			ConfirmChannel channel;
			try {
				channel = new ConfirmChannel(this.connections.openPublishingChannel(), this.completions);
			}
			catch (IOException ex) {
				return Mono.error(new MessageDeliveryFailureException("cannot open a publishing channel: "
						+ BrokerErrors.describe(ex), ex));
			}
			return Mono.<Void>create((sink) -> {
				try {
					channel.publish(exchange, routingKey, mandatory,
							OsloMessageProperties.of(message, this.compression), body(message), PublishOutcome.of(sink));
				}
				catch (IOException ex) {
					sink.error(new MessageDeliveryFailureException("cannot publish to exchange '" + exchange
							+ "' with routing key '" + routingKey + "': " + BrokerErrors.describe(ex), ex));
				}
			}).doFinally((signal) -> channel.close());
		});
	}

	private byte[] body(OutgoingMessage message) {
		return (this.compression != null) ? Compression.compress(message.body(), this.compression) : message.body();
	}

	/** Waits a little for confirms in flight, then closes every channel; later publishes fail. */
	@Override
	public void close() {
		this.closed = true;
		for (ConfirmChannel channel : this.channels) {
			channel.awaitConfirms(CLOSE_CONFIRM_WAIT_MILLIS);
			channel.close();
		}
		this.channels.clear();
		this.idle.clear();
	}

	/** An idle open channel and a writer's permit, if both are free right now; null otherwise. */
	private @Nullable ConfirmChannel acquireIdle() {
		if (this.closed || !this.writers.tryAcquire()) {
			return null;
		}
		ConfirmChannel channel;
		while ((channel = this.idle.pollFirst()) != null) {
			if (channel.isOpen()) {
				return channel;
			}
			this.channels.remove(channel);
		}
		this.writers.release();
		return null;
	}

	private ConfirmChannel acquire() {
		if (this.closed) {
			throw new MessageDeliveryFailureException("the transport is closed", null);
		}
		this.writers.acquireUninterruptibly();
		try {
			ConfirmChannel channel;
			while ((channel = this.idle.pollFirst()) != null) {
				if (channel.isOpen()) {
					return channel;
				}
				this.channels.remove(channel);
			}
			channel = new ConfirmChannel(this.connections.openPublishingChannel(), this.completions);
			this.channels.add(channel);
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			this.writers.release();
			if (ex instanceof MessageDeliveryFailureException failure) {
				throw failure;
			}
			throw new MessageDeliveryFailureException("cannot open a publishing channel: " + BrokerErrors.describe(ex),
					ex);
		}
	}

	private void release(ConfirmChannel channel) {
		if (channel.isOpen() && !this.closed) {
			this.idle.offerFirst(channel);
		}
		else {
			this.channels.remove(channel);
			if (this.closed) {
				channel.close();
			}
		}
		this.writers.release();
	}

}
