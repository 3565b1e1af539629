package io.oslo4j.messaging.transport.memory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * An in-process AMQP broker reduced to what oslo uses: topic exchanges routing by exact key,
 * fanout exchanges (auto-deleted with their last binding), the default exchange routing by queue
 * name, and queues with competing consumers. One broker exists per virtual host of a
 * {@code fake://} URL, so {@code fake:///a} and {@code fake:///b} never see each other's traffic.
 */
final class InMemoryBroker {

	private static final Map<String, InMemoryBroker> brokers = new ConcurrentHashMap<>();

	private final Map<String, Exchange> exchanges = new ConcurrentHashMap<>();

	private final Map<String, MemoryQueue> queues = new ConcurrentHashMap<>();

	static InMemoryBroker forVirtualHost(@Nullable String virtualHost) {
		return brokers.computeIfAbsent((virtualHost != null) ? virtualHost : "/", (key) -> new InMemoryBroker());
	}

	void declareExchange(String name, boolean fanout) {
		this.exchanges.computeIfAbsent(name, (key) -> new Exchange(fanout));
	}

	MemoryQueue declareQueue(String name) {
		return this.queues.computeIfAbsent(name, MemoryQueue::new);
	}

	void bind(String queue, String exchange, String routingKey) {
		Exchange target = this.exchanges.get(exchange);
		if (target == null) {
			throw new IllegalStateException("NOT_FOUND - no exchange '" + exchange + "'");
		}
		target.bindings.computeIfAbsent(routingKey, (key) -> ConcurrentHashMap.newKeySet()).add(queue);
	}

	void deleteQueue(String name) {
		this.queues.remove(name);
		this.exchanges.forEach((exchangeName, exchange) -> {
			exchange.bindings.values().forEach((bound) -> bound.remove(name));
			if (exchange.fanout && exchange.bindings.values().stream().allMatch(Set::isEmpty)) {
				this.exchanges.remove(exchangeName, exchange);
			}
		});
	}

	/**
	 * Routes a message.
	 * @param exchange the exchange, {@code ""} for the default exchange
	 * @return how many queues took the message
	 */
	int publish(String exchange, String routingKey, StoredMessage message) {
		if (exchange.isEmpty()) {
			MemoryQueue queue = this.queues.get(routingKey);
			if (queue == null) {
				return 0;
			}
			queue.publish(message);
			return 1;
		}
		Exchange target = this.exchanges.get(exchange);
		if (target == null) {
			throw new IllegalStateException("NOT_FOUND - no exchange '" + exchange + "'");
		}
		List<String> names = target.route(routingKey);
		int routed = 0;
		for (String name : names) {
			MemoryQueue queue = this.queues.get(name);
			if (queue != null) {
				queue.publish(message);
				routed++;
			}
		}
		return routed;
	}

	@Nullable MemoryQueue queue(String name) {
		return this.queues.get(name);
	}

	boolean hasExchange(String name) {
		return this.exchanges.containsKey(name);
	}

	private static final class Exchange {

		private final boolean fanout;

		private final Map<String, Set<String>> bindings = new ConcurrentHashMap<>();

		Exchange(boolean fanout) {
			this.fanout = fanout;
		}

		List<String> route(String routingKey) {
			if (this.fanout) {
				return this.bindings.values().stream().flatMap(Set::stream).distinct().toList();
			}
			Set<String> bound = this.bindings.get(routingKey);
			return (bound != null) ? List.copyOf(bound) : List.of();
		}

	}

}
