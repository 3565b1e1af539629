package io.oslo4j.messaging.transport.rabbit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.QueueNames;

import org.jspecify.annotations.Nullable;

/**
 * What oslo's rabbit driver declares for each role, with the flags and arguments that the options
 * give (reference sections 2.2 and 2.3): the one place where they are decided.
 *
 * <ul>
 * <li>topic exchanges: durable when {@code amqp_durable_queues} or {@code rabbit_quorum_queue},
 * auto-delete when {@code amqp_auto_delete};</li>
 * <li>fanout exchanges {@code <topic>_fanout}: never durable, always auto-delete;</li>
 * <li>shared queues (topic, server, notification, pool): the topic exchange's flags, with
 * {@code x-ha-policy} or the quorum arguments;</li>
 * <li>transient queues (fanout, reply): neither durable nor auto-delete, with {@code x-expires} and
 * {@code x-ha-policy}, never quorum.</li>
 * </ul>
 */
final class RabbitTopology {

	private final RabbitOptions options;

	RabbitTopology(RabbitOptions options) {
		this.options = options;
	}

	Declaration.Exchange topicExchange(String name) {
		return new Declaration.Exchange(name, "topic", this.options.sharedEntitiesDurable(), this.options.autoDelete());
	}

	Declaration.Exchange fanoutExchange(String topic) {
		return new Declaration.Exchange(QueueNames.fanoutExchange(topic), "fanout", false, true);
	}

	Declaration.Queue sharedQueue(String name) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		if (this.options.haQueues()) {
			arguments.put("x-ha-policy", "all");
		}
		if (this.options.quorumQueue()) {
			arguments.put("x-queue-type", "quorum");
			putIfPositive(arguments, "x-delivery-limit", this.options.quorumDeliveryLimit());
			putIfPositive(arguments, "x-max-in-memory-length", this.options.quorumMaxMemoryLength());
			putIfPositive(arguments, "x-max-in-memory-bytes", this.options.quorumMaxMemoryBytes());
		}
		return new Declaration.Queue(name, this.options.sharedEntitiesDurable(), this.options.autoDelete(), arguments);
	}

	Declaration.Queue transientQueue(String name) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		if (this.options.haQueues()) {
			arguments.put("x-ha-policy", "all");
		}
		arguments.put("x-expires", (int) this.options.transientQueuesTtl().toMillis());
		return new Declaration.Queue(name, false, false, arguments);
	}

	/**
	 * An RPC server's topology: {@code <topic>} and {@code <topic>.<server>} on its exchange, and its
	 * own {@code <topic>_fanout_<hex>} queue on {@code <topic>_fanout}.
	 */
	List<Declaration> rpcServer(String exchange, String topic, String server, String fanoutQueue) {
		String serverQueue = QueueNames.server(topic, server);
		String topicQueue = QueueNames.topic(topic);
		return List.of(topicExchange(exchange),
				sharedQueue(topicQueue), new Declaration.Binding(topicQueue, exchange, topic),
				sharedQueue(serverQueue), new Declaration.Binding(serverQueue, exchange, serverQueue),
				fanoutExchange(topic),
				transientQueue(fanoutQueue), new Declaration.Binding(fanoutQueue, QueueNames.fanoutExchange(topic),
						topic));
	}

	/** A reply queue: no binding, the default exchange routes to it by name. */
	List<Declaration> replyQueue(String name) {
		return List.of(transientQueue(name));
	}

	/**
	 * A notification listener's topology: a queue per binding named after its routing key, or one
	 * queue named after the pool bound to every binding.
	 * @param defaultExchange the exchange of bindings that name none
	 */
	List<Declaration> notificationListener(List<NotificationBinding> bindings, @Nullable String pool,
			String defaultExchange) {
		List<Declaration> declarations = new ArrayList<>();
		Set<String> exchanges = new LinkedHashSet<>();
		Set<String> queues = new LinkedHashSet<>();
		for (NotificationBinding binding : bindings) {
			String exchange = (binding.exchange() != null) ? binding.exchange() : defaultExchange;
			String queue = (pool != null) ? pool : binding.routingKey();
			if (exchanges.add(exchange)) {
				declarations.add(topicExchange(exchange));
			}
			if (queues.add(queue)) {
				declarations.add(sharedQueue(queue));
			}
			declarations.add(new Declaration.Binding(queue, exchange, binding.routingKey()));
		}
		return declarations;
	}

	/** The queues a notification listener consumes, in order. */
	static List<String> notificationQueues(List<NotificationBinding> bindings, @Nullable String pool) {
		Set<String> queues = new LinkedHashSet<>();
		bindings.forEach((binding) -> queues.add((pool != null) ? pool : binding.routingKey()));
		return List.copyOf(queues);
	}

	/**
	 * What a notifier declares before its first publish of a routing key: the exchange, and a queue
	 * named like the routing key bound with it, so that notifications wait for their listener.
	 */
	List<Declaration> notificationQueue(String exchange, String routingKey) {
		return List.of(topicExchange(exchange), sharedQueue(routingKey),
				new Declaration.Binding(routingKey, exchange, routingKey));
	}

	private static void putIfPositive(Map<String, Object> arguments, String name, int value) {
		if (value > 0) {
			arguments.put(name, value);
		}
	}

}
