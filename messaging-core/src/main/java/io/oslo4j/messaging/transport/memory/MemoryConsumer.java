package io.oslo4j.messaging.transport.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.wire.Envelope;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener of the in-memory broker: consumes several queues into one inbox and hands the
 * messages to its handler on a single thread, as an AMQP channel's consumer thread does.
 * Unsettled messages go back to their queues when it closes.
 */
final class MemoryConsumer implements Listener {

	private static final Logger logger = LoggerFactory.getLogger(MemoryConsumer.class);

	private final InMemoryBroker broker;

	private final List<MemoryQueue> queues;

	private final List<String> ownedQueues;

	private final DeliveryHandler handler;

	private final BlockingQueue<Entry> inbox = new LinkedBlockingQueue<>();

	private final Set<MemoryDelivery> unsettled = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Thread thread;

	MemoryConsumer(InMemoryBroker broker, String name, List<MemoryQueue> queues, List<String> ownedQueues,
			DeliveryHandler handler) {
		this.broker = broker;
		this.queues = List.copyOf(queues);
		this.ownedQueues = List.copyOf(ownedQueues);
		this.handler = handler;
		this.thread = new Thread(this::run, "oslo4j-fake-" + name);
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
		this.queues.forEach((queue) -> queue.attach(this));
	}

	void offer(MemoryQueue queue, StoredMessage message) {
		if (this.stopped.get()) {
			queue.requeue(message);
			return;
		}
		this.inbox.add(new Entry(queue, message));
	}

	private void run() {
		while (!this.closed.get()) {
			Entry entry;
			try {
				entry = this.inbox.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (entry.queue() == null) {
				return;
			}
			if (this.stopped.get()) {
				entry.queue().requeue(entry.message());
				continue;
			}
			if (entry.message().isExpired(System.nanoTime())) {
				continue;
			}
			deliver(entry.queue(), entry.message());
		}
	}

	private void deliver(MemoryQueue queue, StoredMessage message) {
		MemoryDelivery delivery = new MemoryDelivery(queue, message);
		this.unsettled.add(delivery);
		try {
			this.handler.onDelivery(delivery);
		}
		catch (RuntimeException ex) {
			logger.error("Handler of queue {} failed; message rejected", queue.name(), ex);
			delivery.reject(false);
		}
	}

	@Override
	public void stop() {
		if (this.stopped.compareAndSet(false, true)) {
			this.queues.forEach((queue) -> queue.detach(this));
			List<Entry> pending = new ArrayList<>();
			this.inbox.drainTo(pending);
			pending.stream().filter((entry) -> entry.queue() != null)
				.forEach((entry) -> entry.queue().requeue(entry.message()));
		}
	}

	@Override
	public void close() {
		stop();
		if (this.closed.compareAndSet(false, true)) {
			this.inbox.add(new Entry(null, null));
			for (MemoryDelivery delivery : List.copyOf(this.unsettled)) {
				delivery.reject(true);
			}
			this.ownedQueues.forEach(this.broker::deleteQueue);
		}
	}

	@Override
	public boolean isConsuming() {
		return !this.stopped.get();
	}

	private record Entry(@Nullable MemoryQueue queue, @Nullable StoredMessage message) {
	}

	private final class MemoryDelivery implements Delivery {

		private final MemoryQueue queue;

		private final StoredMessage message;

		private final AtomicBoolean settled = new AtomicBoolean();

		MemoryDelivery(MemoryQueue queue, StoredMessage message) {
			this.queue = queue;
			this.message = message;
		}

		@Override
		public byte[] body() {
			return this.message.body();
		}

		@Override
		public String contentType() {
			return Envelope.CONTENT_TYPE;
		}

		@Override
		public Map<String, Object> headers() {
			return this.message.headers();
		}

		@Override
		public boolean redelivered() {
			return this.message.redelivered();
		}

		@Override
		public void ack() {
			if (this.settled.compareAndSet(false, true)) {
				MemoryConsumer.this.unsettled.remove(this);
			}
		}

		@Override
		public void reject(boolean requeue) {
			if (this.settled.compareAndSet(false, true)) {
				MemoryConsumer.this.unsettled.remove(this);
				if (requeue) {
					this.queue.requeue(this.message.asRedelivered());
				}
			}
		}

	}

}
