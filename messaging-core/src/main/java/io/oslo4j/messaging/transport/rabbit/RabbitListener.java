package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.ChannelLost;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.Closed;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.ConsumerCancelled;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.Delivered;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.Stopped;
import io.oslo4j.messaging.transport.rabbit.ListenerState.Phase;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener on broker queues, shaped like oslo's listening connection: one channel declares the
 * listener's topology and consumes all its queues with manual acknowledgement
 * ({@link ListenerChannels}); an RPC server is two listeners, its calls' queues and its fanout queue
 * ({@link RabbitTopology.RpcServer}). amqp-client's dispatch thread for the channel hands the deliveries
 * to the handler, one at a time and in the channel's order (amqp-client never runs one channel's
 * consumers at once), on the connections the driver makes: it gives them a dispatch pool with a
 * thread for each busy channel, so that a handler that waits for back-pressure holds up its own
 * listener alone. On an application's connection factory, whose pool may be bounded, the
 * deliveries go through the listener's own thread instead, as every other signal does: the
 * listener's thread takes the {@link ListenerSignal signals} of its life from its
 * {@link ListenerInbox inbox}, in order: a lost channel, a cancel by the broker, stop, close.
 *
 * <p>The listener has one state ({@link ListenerState}: its phase and channel), replaced under one
 * lock: subscribing, stopping and closing exclude each other, so a stop during a recovery finds
 * either the old channel lost or the new one consuming, and cancels the latter. A delivery is
 * handed over only if it comes from the channel of the state and that channel is open.
 *
 * <p>When the channel is lost (connection failure, broker restart, a queue deleted under the
 * consumer) the listener's thread declares the same topology on a new channel and consumes again,
 * waiting as oslo does ({@link ReconnectBackoff}). Deliveries of the lost channel that were not
 * handed over yet are dropped: the broker requeued them. A fanout stream is consumed again after
 * the last delivery handed over ({@link StreamOffset}; recorded under the lock, so that a
 * recovery reads it after the lost channel's last one), or from its last chunk after the broker
 * cancelled a consumer.
 *
 * <p>{@link #stop()} cancels the consumers but keeps the channel, so that deliveries already handed
 * over can still be settled, and gives back the ones that arrive after it or wait in the inbox.
 * {@link #close()} deletes the listener's own queues and closes the channel, which returns
 * whatever is unsettled.
 *
 * <p>Spring AMQP's listener containers do not fit this contract: both send {@code basic.qos} even
 * for an unlimited prefetch (and the simple container rejects a prefetch of 0), close their channel
 * on stop, and the direct container calls the listener on the connection's shared threads, one
 * channel per queue.
 */
final class RabbitListener implements Listener {

	private static final Logger logger = LoggerFactory.getLogger(RabbitListener.class);

	private final String name;

	private final ListenerChannels channels;

	private final ListenerTopology topology;

	private final ReconnectBackoff backoff;

	private final BrokerProbe probe;

	private final StreamOffset streamOffset = new StreamOffset();

	private final DeliveryHandler handler;

	private final Consumer<RabbitListener> onClose;

	private final ListenerInbox inbox = new ListenerInbox();

	private final Object lock = new Object();

	private final Thread thread;

	private final boolean handsOverOnDispatch;

	private volatile ListenerState state = ListenerState.NEW;

	/**
	 * @param name names the listener's thread and log lines
	 * @param topology what to declare and consume
	 * @param prefetchCount {@code basic.qos} prefetch count, 0 for none
	 * @param backoff how long to wait before consuming again after a loss
	 * @param handsOverOnDispatch whether amqp-client's dispatch thread hands the deliveries over,
	 * which the connection's dispatch pool must allow (a thread for each busy channel); otherwise the
	 * listener's own thread does, one hand-off later
	 * @param onClose called once, when the listener closes
	 */
	RabbitListener(String name, RabbitConnections connections, ListenerTopology topology, int prefetchCount,
			ReconnectBackoff backoff, DeliveryHandler handler, boolean handsOverOnDispatch,
			Consumer<RabbitListener> onClose) {
		this.name = name;
		this.channels = new ListenerChannels(name, connections, topology, prefetchCount, this.streamOffset);
		this.topology = topology;
		this.backoff = backoff;
		this.probe = connections.probe();
		this.handler = handler;
		this.handsOverOnDispatch = handsOverOnDispatch;
		this.onClose = onClose;
		this.thread = new Thread(this::run, "oslo4j-rabbit-" + name);
		this.thread.setDaemon(true);
	}

	/**
	 * Declares, consumes, and starts the listener's thread.
	 * @throws MessagingException if the broker cannot be reached or refuses a declaration
	 */
	void start() {
		synchronized (this.lock) {
			subscribe();
		}
		this.thread.start();
	}

	@Override
	public void stop() {
		synchronized (this.lock) {
			ListenerState current = this.state;
			if (current.phase() == Phase.STOPPED || current.phase() == Phase.CLOSED) {
				return;
			}
			this.state = current.to(Phase.STOPPED);
			Channel channel = current.channel();
			if (channel != null && current.live()) {
				this.channels.cancel(channel);
			}
		}
		this.inbox.giveBackDeliveries();
		this.inbox.put(new Stopped());
	}

	@Override
	public void close() {
		stop();
		synchronized (this.lock) {
			ListenerState current = this.state;
			if (current.phase() == Phase.CLOSED) {
				return;
			}
			this.state = ListenerState.CLOSED;
			Channel channel = current.channel();
			if (channel != null) {
				this.channels.deleteOwnedQueues(channel);
				ListenerChannels.abort(channel);
			}
		}
		this.inbox.put(new Closed());
		this.onClose.accept(this);
	}

	@Override
	public boolean isConsuming() {
		ListenerState current = this.state;
		Channel channel = current.channel();
		return current.phase() == Phase.CONSUMING && channel != null && channel.isOpen();
	}

	/** Declares and consumes on a new channel; under the lock. */
	private void subscribe() {
		ListenerState before = this.state;
		Channel opened = this.channels.open(this::signal);
		// before the first delivery arrives: deliveries of other channels are dropped
		this.state = new ListenerState(Phase.SUBSCRIBING, opened);
		try {
			this.channels.consume(opened, this::delivered, this::signal);
		}
		catch (MessagingException ex) {
			this.state = before;
			throw ex;
		}
		this.state = new ListenerState(Phase.CONSUMING, opened);
	}

	private void signal(ListenerSignal signal) {
		if (this.state.phase() != Phase.CLOSED) {
			this.inbox.put(signal);
		}
	}

	private void run() {
		while (true) {
			ListenerSignal signal;
			try {
				signal = this.inbox.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (signal instanceof Closed) {
				return;
			}
			if (signal instanceof Delivered delivered) {
				handOver(delivered.delivery(), delivered.fromStream());
			}
			else if (signal instanceof ChannelLost lost) {
				recover(lost.channel(), lost.reason(), false);
			}
			else if (signal instanceof ConsumerCancelled cancelled) {
				recover(cancelled.channel(), "the broker cancelled the consumer of queue " + cancelled.queue(), true);
			}
			// Stopped only ends a wait before consuming again, which is over by now
		}
	}

	/** A delivery, on amqp-client's dispatch thread for its channel. */
	private void delivered(RabbitDelivery delivery, boolean fromStream) {
		if (this.handsOverOnDispatch) {
			handOver(delivery, fromStream);
		}
		else if (this.state.phase() != Phase.CLOSED) {
			this.inbox.put(new Delivered(delivery, fromStream));
		}
	}

	/** Hands a delivery to the handler, on amqp-client's dispatch thread or on the listener's own. */
	private void handOver(RabbitDelivery delivery, boolean fromStream) {
		if (!(fromStream ? acceptStreamDelivery(delivery) : accept(delivery, this.state))) {
			return;
		}
		try {
			this.handler.onDelivery(delivery);
		}
		catch (RuntimeException ex) {
			logger.error("Handler of listener {} failed; message rejected", this.name, ex);
			delivery.reject(false);
		}
	}

	/** Whether a delivery is to be handed over: it comes from the live channel; after a stop, it goes back. */
	private static boolean accept(RabbitDelivery delivery, ListenerState current) {
		if (delivery.channel() != current.channel() || !delivery.channel().isOpen()) {
			return false;
		}
		if (current.phase() == Phase.STOPPED) {
			delivery.reject(true);
			return false;
		}
		return true;
	}

	/** {@link #accept}, and the stream's offset recorded, under the lock that a recovery consumes again under. */
	private boolean acceptStreamDelivery(RabbitDelivery delivery) {
		synchronized (this.lock) {
			if (!accept(delivery, this.state)) {
				return false;
			}
			this.streamOffset.handled(delivery.headers().get("x-stream-offset"));
			return true;
		}
	}

	private void recover(Channel lost, String reason, boolean cancelled) {
		synchronized (this.lock) {
			if (!this.state.consumes(lost)) {
				return;
			}
			this.state = this.state.to(Phase.RECOVERING);
			// a consumer the broker cancelled leaves the channel open: give its other deliveries back now,
			// not after the wait, so that other servers can take them meanwhile
			ListenerChannels.abort(lost);
		}
		if (cancelled && this.topology.streamQueue() != null) {
			// as oslo: the stream may be a new one, whose offsets mean nothing to the old position
			logger.warn("Listener {}: the broker cancelled a consumer; the stream {} is read again from its last "
					+ "chunk, not from offset {}", this.name, this.topology.streamQueue(), this.streamOffset.argument());
			this.streamOffset.reset();
		}
		logger.warn("Listener {} lost its channel ({}); declaring and consuming again", this.name, reason);
		int failedAttempts = 0;
		boolean refused = false;
		while (!waitBeforeAttempt(this.backoff.beforeAttempt(failedAttempts), refused)) {
			try {
				synchronized (this.lock) {
					if (this.state.phase() != Phase.RECOVERING) {
						return;
					}
					subscribe();
				}
				logger.info("Listener {} consumes {} again", this.name, this.topology.queues());
				return;
			}
			catch (MessagingException ex) {
				failedAttempts++;
				refused = BrokerProbe.refused(ex);
				logger.warn("Listener {} cannot consume yet ({}); next attempt in {} ms{}", this.name, ex.getMessage(),
						this.backoff.beforeAttempt(failedAttempts).toMillis(),
						refused ? ", or as soon as the broker accepts connections" : "");
			}
		}
	}

	/**
	 * Waits out a back-off step; after an attempt the broker refused at the TCP level, only until it
	 * accepts connections again ({@link BrokerProbe}), so that a listener is not still asleep for
	 * most of a long step when its broker is back.
	 * @return whether the listener is stopping
	 */
	private boolean waitBeforeAttempt(Duration delay, boolean refused) {
		@Nullable ListenerSignal stop;
		try {
			stop = this.inbox.awaitStop(delay, refused ? this.probe::accepting : null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
		if (stop instanceof Closed) {
			this.inbox.put(stop);
		}
		return stop != null;
	}

}
