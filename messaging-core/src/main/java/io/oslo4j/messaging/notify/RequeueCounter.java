package io.oslo4j.messaging.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many times a listener has requeued each notification, so that one its endpoints always
 * refuse (a poison message) is rejected for good after {@code maxRequeues} instead of going round
 * the queue forever at full speed. A notification is known by its {@code _unique_id}, else its
 * {@code message_id}, else its body. A quorum queue's {@code x-delivery-count} header, which every
 * listener of the queue sees, counts when it is higher than what this listener counted. At most
 * {@value #CAPACITY} notifications are remembered, the oldest forgotten first.
 */
final class RequeueCounter {

	static final int CAPACITY = 10_000;

	private static final String DELIVERY_COUNT = "x-delivery-count";

	private final int maxRequeues;

	private final Map<String, Integer> requeues = new LinkedHashMap<>(16, 0.75f, false) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
			return size() > CAPACITY;
		}

	};

	/** @param maxRequeues how many times one notification may be requeued; -1 without end */
	RequeueCounter(int maxRequeues) {
		this.maxRequeues = maxRequeues;
	}

	/**
	 * Whether the notification may go back to its queue once more; counts it if so, forgets it if
	 * not.
	 * @param headers the delivery's AMQP headers
	 */
	synchronized boolean mayRequeue(String key, Map<String, Object> headers) {
		int previous = Math.max(this.requeues.getOrDefault(key, 0), deliveryCount(headers));
		if (this.maxRequeues >= 0 && previous >= this.maxRequeues) {
			this.requeues.remove(key);
			return false;
		}
		this.requeues.put(key, previous + 1);
		return true;
	}

	/** Forgets a notification that was acknowledged. */
	synchronized void forget(String key) {
		this.requeues.remove(key);
	}

	private static int deliveryCount(Map<String, Object> headers) {
		return (headers.get(DELIVERY_COUNT) instanceof Number count) ? count.intValue() : 0;
	}

}
