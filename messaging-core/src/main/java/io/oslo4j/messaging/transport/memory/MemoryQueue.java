package io.oslo4j.messaging.transport.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A queue of the in-memory broker. Messages go round-robin to the consumers attached to it, and
 * wait in the queue while there are none.
 */
final class MemoryQueue {

	private final String name;

	private final Deque<StoredMessage> ready = new ArrayDeque<>();

	private final List<MemoryConsumer> consumers = new ArrayList<>();

	private int next;

	MemoryQueue(String name) {
		this.name = name;
	}

	String name() {
		return this.name;
	}

	void publish(StoredMessage message) {
		MemoryConsumer target;
		synchronized (this) {
			if (this.consumers.isEmpty()) {
				this.ready.addLast(message);
				return;
			}
			target = this.consumers.get(this.next++ % this.consumers.size());
		}
		target.offer(this, message);
	}

	/** Puts a message back at the head of the queue, or hands it to another consumer. */
	void requeue(StoredMessage message) {
		MemoryConsumer target;
		synchronized (this) {
			if (this.consumers.isEmpty()) {
				this.ready.addFirst(message);
				return;
			}
			target = this.consumers.get(this.next++ % this.consumers.size());
		}
		target.offer(this, message);
	}

	void attach(MemoryConsumer consumer) {
		List<StoredMessage> backlog;
		synchronized (this) {
			this.consumers.add(consumer);
			backlog = new ArrayList<>(this.ready);
			this.ready.clear();
		}
		backlog.forEach(this::publish);
	}

	void detach(MemoryConsumer consumer) {
		synchronized (this) {
			this.consumers.remove(consumer);
		}
	}

	synchronized int messageCount() {
		return this.ready.size();
	}

	synchronized int consumerCount() {
		return this.consumers.size();
	}

}
