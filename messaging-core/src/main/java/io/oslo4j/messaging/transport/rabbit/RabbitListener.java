package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener on broker queues, shaped like oslo's listening connection: one channel declares the
 * listener's topology and consumes all its queues with manual acknowledgement, and one consumer
 * thread hands the deliveries to the handler, one at a time, in arrival order.
 *
 * <p>amqp-client's dispatch threads only put deliveries in the listener's inbox, so a handler that
 * blocks for back-pressure holds up this listener alone, never the connection's other consumers.
 * {@code basic.qos} is sent only when a prefetch count is set: by default, as in oslo, the broker
 * pushes without limit.
 *
 * <p>When the channel is lost (connection failure, broker restart, a queue deleted under the
 * consumer) the consumer thread declares the same topology (same queue names and arguments) on a
 * new channel and consumes again, waiting as oslo does ({@link ReconnectBackoff}). Deliveries of the
 * lost channel that were not handed over yet are dropped: the broker requeued them. A fanout stream
 * is consumed again after the last delivery handed over ({@link StreamOffset}), or from its last
 * chunk after the broker cancelled a consumer.
 *
 * <p>{@link #stop()} cancels the consumers but keeps the channel, so that deliveries already handed
 * over can still be settled, and gives back the ones not handed over yet. {@link #close()} deletes
 * the listener's own queues and closes the channel, which returns whatever is unsettled.
 *
 * <p>Spring AMQP's listener containers do not fit this contract: both send {@code basic.qos} even
 * for an unlimited prefetch (and the simple container rejects a prefetch of 0), close their channel
 * on stop, and the direct container calls the listener on the connection's shared threads, one
 * channel per queue.
 */
final class RabbitListener implements Listener {

	private static final Logger logger = LoggerFactory.getLogger(RabbitListener.class);

	private static final Object CLOSE = new Object();

	private final String name;

	private final RabbitConnections connections;

	private final ListenerTopology topology;

	private final List<String> queues;

	private final List<String> ownedQueues;

	private final int prefetchCount;

	private final ReconnectBackoff backoff;

	private final StreamOffset streamOffset = new StreamOffset();

	private final DeliveryHandler handler;

	private final Consumer<RabbitListener> onClose;

	private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

	private final Object lifecycle = new Object();

	private final CountDownLatch stopping = new CountDownLatch(1);

	private final Thread thread;

	private volatile @Nullable Channel channel;

	private volatile boolean consuming;

	private volatile boolean stopped;

	private volatile boolean closed;

	/**
	 * @param name names the consumer thread and log lines
	 * @param topology what to declare and consume
	 * @param prefetchCount {@code basic.qos} prefetch count, 0 for none
	 * @param backoff how long to wait before consuming again after a loss
	 * @param onClose called once, when the listener closes
	 */
	RabbitListener(String name, RabbitConnections connections, ListenerTopology topology, int prefetchCount,
			ReconnectBackoff backoff, DeliveryHandler handler, Consumer<RabbitListener> onClose) {
		this.name = name;
		this.connections = connections;
		this.topology = topology;
		this.queues = topology.queues();
		this.ownedQueues = topology.ownedQueues();
		this.prefetchCount = prefetchCount;
		this.backoff = backoff;
		this.handler = handler;
		this.onClose = onClose;
		this.thread = new Thread(this::run, "oslo4j-rabbit-" + name);
		this.thread.setDaemon(true);
	}

	/**
	 * Declares, consumes, and starts the consumer thread.
	 * @throws MessagingException if the broker cannot be reached or refuses a declaration
	 */
	void start() {
		synchronized (this.lifecycle) {
			subscribe();
		}
		this.thread.start();
	}

	@Override
	public void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		this.consuming = false;
		this.stopping.countDown();
		synchronized (this.lifecycle) {
			Channel current = this.channel;
			for (int tag = 1; current != null && tag <= this.queues.size(); tag++) {
				try {
					current.basicCancel(Integer.toString(tag));
				}
				catch (IOException | ShutdownSignalException ex) {
					logger.debug("Listener {}: cancel of consumer {} failed: {}", this.name, tag, ex.getMessage());
				}
			}
		}
		List<Object> notHandedOver = new ArrayList<>();
		this.inbox.drainTo(notHandedOver);
		for (Object item : notHandedOver) {
			if (item instanceof RabbitDelivery delivery) {
				delivery.reject(true);
			}
			else if (item == CLOSE) {
				this.inbox.add(CLOSE);
			}
		}
	}

	@Override
	public void close() {
		stop();
		synchronized (this.lifecycle) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			Channel current = this.channel;
			if (current != null) {
				deleteOwnedQueues(current);
				abort(current);
			}
		}
		this.inbox.add(CLOSE);
		this.onClose.accept(this);
	}

	@Override
	public boolean isConsuming() {
		Channel current = this.channel;
		return this.consuming && !this.stopped && current != null && current.isOpen();
	}

	private void subscribe() {
		Channel opened = this.connections.openListeningChannel();
		try {
			opened.addShutdownListener((cause) -> lost(opened, BrokerErrors.describe(cause), false));
			for (Declaration declaration : this.topology.declarations()) {
				try {
					declaration.declareOn(opened);
				}
				catch (IOException ex) {
					throw new MessagingException(BrokerErrors.declarationFailed(declaration, ex), ex);
				}
			}
			if (this.prefetchCount > 0) {
				opened.basicQos(this.prefetchCount);
			}
			// before the first delivery can reach the consumer thread, which drops other channels' ones
			this.channel = opened;
			int tag = 0;
			for (String queue : this.queues) {
				boolean stream = queue.equals(this.topology.streamQueue());
				Map<String, Object> arguments = stream
						? RabbitTopology.streamConsumerArguments(this.streamOffset.argument())
						: this.topology.consumerArguments();
				opened.basicConsume(queue, false, Integer.toString(++tag), false, false, arguments,
						new QueueConsumer(opened, queue, stream));
			}
		}
		catch (IOException | RuntimeException ex) {
			abort(opened);
			if (ex instanceof MessagingException messaging) {
				throw messaging;
			}
			throw new MessagingException("listener " + this.name + " cannot consume " + this.queues + ": "
					+ BrokerErrors.describe(ex), ex);
		}
		this.consuming = true;
	}

	private void lost(Channel lostChannel, String reason, boolean cancelled) {
		if (!this.closed) {
			this.inbox.add(new Lost(lostChannel, reason, cancelled));
		}
	}

	private void run() {
		while (true) {
			Object item;
			try {
				item = this.inbox.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (item == CLOSE) {
				return;
			}
			if (item instanceof Lost lost) {
				recover(lost);
			}
			else if (item instanceof RabbitDelivery delivery) {
				handOver(delivery, false);
			}
			else if (item instanceof StreamDelivery streamed) {
				handOver(streamed.delivery(), true);
			}
		}
	}

	private void handOver(RabbitDelivery delivery, boolean fromStream) {
		if (delivery.channel() != this.channel || !delivery.channel().isOpen()) {
			return;
		}
		if (this.stopped) {
			delivery.reject(true);
			return;
		}
		if (fromStream) {
			this.streamOffset.handled(delivery.headers().get("x-stream-offset"));
		}
		try {
			this.handler.onDelivery(delivery);
		}
		catch (RuntimeException ex) {
			logger.error("Handler of listener {} failed; message rejected", this.name, ex);
			delivery.reject(false);
		}
	}

	private void recover(Lost lost) {
		if (lost.channel() != this.channel || this.stopped || this.closed) {
			return;
		}
		this.consuming = false;
		if (lost.cancelled() && this.topology.streamQueue() != null) {
			// as oslo: the stream may be a new one, whose offsets mean nothing to the old position
			logger.warn("Listener {}: the broker cancelled a consumer; the stream {} is read again from its last "
					+ "chunk, not from offset {}", this.name, this.topology.streamQueue(), this.streamOffset.argument());
			this.streamOffset.reset();
		}
		logger.warn("Listener {} lost its channel ({}); declaring and consuming again", this.name, lost.reason());
		synchronized (this.lifecycle) {
			// a consumer the broker cancelled leaves the channel open: give its other deliveries back now,
			// not after the wait, so that other servers can take them meanwhile
			abort(lost.channel());
		}
		int failedAttempts = 0;
		boolean refused = false;
		while (true) {
			Duration delay = this.backoff.beforeAttempt(failedAttempts);
			try {
				if (waitBeforeAttempt(delay, refused)) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			try {
				synchronized (this.lifecycle) {
					if (this.stopped || this.closed) {
						return;
					}
					abort(lost.channel());
					subscribe();
				}
				logger.info("Listener {} consumes {} again", this.name, this.queues);
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
	 * accepts connections again, so that a listener is not still asleep for most of a long step
	 * when its broker is back.
	 * @return whether the listener is stopping
	 */
	private boolean waitBeforeAttempt(Duration delay, boolean refused) throws InterruptedException {
		if (!refused) {
			return this.stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		long deadline = System.nanoTime() + delay.toNanos();
		while (true) {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0) {
				return false;
			}
			if (this.stopping.await(Math.min(left, BrokerProbe.INTERVAL_MILLIS), TimeUnit.MILLISECONDS)) {
				return true;
			}
			if (this.connections.probe().accepting()) {
				return false;
			}
		}
	}

	private void deleteOwnedQueues(Channel current) {
		if (this.ownedQueues.isEmpty()) {
			return;
		}
		Channel deleting = current;
		try {
			if (!deleting.isOpen()) {
				deleting = this.connections.openListeningChannel();
			}
			for (String queue : this.ownedQueues) {
				deleting.queueDelete(queue);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.info("Listener {} could not delete its queues {} ({}); they expire by themselves", this.name,
					this.ownedQueues, BrokerErrors.describe(ex));
		}
		finally {
			if (deleting != current) {
				abort(deleting);
			}
		}
	}

	private static void abort(Channel channel) {
		try {
			channel.abort();
		}
		catch (IOException ex) {
			// aborting ignores errors already
		}
	}

	private record Lost(Channel channel, String reason, boolean cancelled) {
	}

	private record StreamDelivery(RabbitDelivery delivery) {
	}

	/** Puts deliveries in the inbox, on amqp-client's dispatch thread; nothing more. */
	private final class QueueConsumer extends DefaultConsumer {

		private final String queue;

		private final boolean stream;

		QueueConsumer(Channel channel, String queue, boolean stream) {
			super(channel);
			this.queue = queue;
			this.stream = stream;
		}

		@Override
		public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
				byte[] body) {
			RabbitDelivery delivery = new RabbitDelivery(getChannel(), envelope.getDeliveryTag(),
					envelope.isRedeliver(), properties, body);
			RabbitListener.this.inbox.add(this.stream ? new StreamDelivery(delivery) : delivery);
		}

		@Override
		public void handleCancel(String consumerTag) {
			lost(getChannel(), "the broker cancelled the consumer of queue " + this.queue, true);
		}

	}

}
