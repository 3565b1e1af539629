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
 * <li>fanout exchanges {@code <topic>_fanout}: always auto-delete, durable when
 * {@code rabbit_transient_quorum_queue} (which {@code rabbit_stream_fanout} requires);</li>
 * <li>shared queues (topic, server, notification, pool): the topic exchange's flags, with
 * {@code x-ha-policy} or the quorum arguments;</li>
 * <li>transient queues (fanout, reply): never auto-delete, with {@code x-ha-policy} and
 * {@code x-expires} (none when {@code rabbit_transient_queues_ttl} is 0); durable quorum queues
 * with the quorum arguments when {@code rabbit_transient_quorum_queue};</li>
 * <li>with {@code rabbit_stream_fanout}, the fanout queue is one durable stream {@code <topic>_fanout}
 * shared by the topic's servers, with {@code x-max-age} (none when the ttl is 0) and nothing else;</li>
 * <li>consumer arguments: {@code x-cancel-on-ha-failover} when {@code enable_cancel_on_failover},
 * except on the stream, whose only one is {@code x-stream-offset}.</li>
 * </ul>
 * (oslo 18.3's {@code _get_queue_arguments}, {@code Consumer.declare} and the
 * {@code declare_*_consumer} methods of {@code impl_rabbit.py}.)
 */
final class RabbitTopology {

	private final RabbitOptions options;

	/** Read once: every request names its topic exchange (the options are immutable). */
	private final boolean topicExchangeDurable;

	private final boolean topicExchangeAutoDelete;

	RabbitTopology(RabbitOptions options) {
		this.options = options;
		this.topicExchangeDurable = options.sharedEntitiesDurable();
		this.topicExchangeAutoDelete = options.autoDelete();
	}

	Declaration.Exchange topicExchange(String name) {
		return new Declaration.Exchange(name, "topic", this.topicExchangeDurable, this.topicExchangeAutoDelete);
	}

	Declaration.Exchange fanoutExchange(String topic) {
		return new Declaration.Exchange(QueueNames.fanoutExchange(topic), "fanout",
				this.options.transientQuorumQueue(), true);
	}

	Declaration.Queue sharedQueue(String name) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		if (this.options.haQueues()) {
			arguments.put("x-ha-policy", "all");
		}
		if (this.options.quorumQueue()) {
			putQuorumArguments(arguments);
		}
		return new Declaration.Queue(name, this.options.sharedEntitiesDurable(), this.options.autoDelete(), arguments);
	}

	/** A reply queue, or a fanout queue when the fanout is no stream. */
	Declaration.Queue transientQueue(String name) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		if (this.options.haQueues()) {
			arguments.put("x-ha-policy", "all");
		}
		if (this.options.transientQuorumQueue()) {
			putQuorumArguments(arguments);
		}
		long ttl = this.options.transientQueuesTtl().toSeconds();
		if (ttl > 0) {
			arguments.put("x-expires", (int) (ttl * 1000));
		}
		return new Declaration.Queue(name, this.options.transientQuorumQueue(), false, arguments);
	}

	/** A server's fanout queue: its own transient queue, or the topic's shared stream. */
	Declaration.Queue fanoutQueue(String name) {
		if (!this.options.streamFanout()) {
			return transientQueue(name);
		}
		// oslo replaces every other argument of the stream, x-ha-policy included
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("x-queue-type", "stream");
		long ttl = this.options.transientQueuesTtl().toSeconds();
		if (ttl > 0) {
			arguments.put("x-max-age", ttl + "s");
		}
		return new Declaration.Queue(name, true, false, arguments);
	}

	/** The consumer arguments of every queue but the fanout stream. */
	Map<String, Object> consumerArguments() {
		return this.options.cancelOnFailover() ? Map.of("x-cancel-on-ha-failover", true) : Map.of();
	}

	/**
	 * The consumer arguments of the fanout stream, where to start reading it.
	 * @param offset {@code "last"}, or the offset of the next message to read
	 */
	static Map<String, Object> streamConsumerArguments(Object offset) {
		return Map.of("x-stream-offset", offset);
	}

	/**
	 * An RPC server's topology: {@code <topic>} and {@code <topic>.<server>} on its exchange, and its
	 * fanout queue (its own {@code <topic>_fanout_<unique>}, or the stream {@code <topic>_fanout}) on
	 * {@code <topic>_fanout}; the two parts on channels of their own ({@link RpcServer}).
	 */
	RpcServer rpcServer(String exchange, String topic, String server, String fanoutQueue) {
		String serverQueue = QueueNames.server(topic, server);
		String topicQueue = QueueNames.topic(topic);
		ListenerTopology calls = new ListenerTopology(
				List.of(topicExchange(exchange), sharedQueue(topicQueue),
						new Declaration.Binding(topicQueue, exchange, topic), sharedQueue(serverQueue),
						new Declaration.Binding(serverQueue, exchange, serverQueue)),
				List.of(topicQueue, serverQueue), List.of(), consumerArguments(), null);
		// oslo deletes a fanout queue on close only when its name is random: a stream is shared, and a
		// queue-manager name is taken again by the restarted process (both expire instead)
		boolean owned = !this.options.streamFanout() && !this.options.useQueueManager();
		ListenerTopology fanout = new ListenerTopology(
				List.of(fanoutExchange(topic), fanoutQueue(fanoutQueue),
						new Declaration.Binding(fanoutQueue, QueueNames.fanoutExchange(topic), topic)),
				List.of(fanoutQueue), owned ? List.of(fanoutQueue) : List.of(), consumerArguments(),
				this.options.streamFanout() ? fanoutQueue : null, calls.queues().size() + 1);
		return new RpcServer(calls, fanout);
	}

	/**
	 * What an RPC server declares and consumes, in two parts that oslo keeps on one channel: the
	 * queues its calls come from, and its fanout queue, each on a channel of its own. A fanout that
	 * the broker cannot serve for a while (a stream with no replica on the node yet, a declaration
	 * held while the cluster decides that a silent node is down) then keeps the fanout alone from
	 * being consumed, not the server's calls.
	 * @param calls the topic and server queues, consumers 1 and 2
	 * @param fanout the fanout queue, consumer 3
	 */
	record RpcServer(ListenerTopology calls, ListenerTopology fanout) {

	}

	/** A reply queue: no binding, the default exchange routes to it by name; never deleted (it expires). */
	ListenerTopology replyQueue(String name) {
		return new ListenerTopology(List.of(transientQueue(name)), List.of(name), List.of(), consumerArguments(),
				null);
	}

	/**
	 * A notification listener's topology: a queue per binding named after its routing key, or one
	 * queue named after the pool bound to every binding.
	 * @param defaultExchange the exchange of bindings that name none
	 */
	ListenerTopology notificationListener(List<NotificationBinding> bindings, @Nullable String pool,
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
		return new ListenerTopology(declarations, notificationQueues(bindings, pool), List.of(), consumerArguments(),
				null);
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

	private void putQuorumArguments(Map<String, Object> arguments) {
		arguments.put("x-queue-type", "quorum");
		putIfPositive(arguments, "x-delivery-limit", this.options.quorumDeliveryLimit());
		putIfPositive(arguments, "x-max-in-memory-length", this.options.quorumMaxMemoryLength());
		putIfPositive(arguments, "x-max-in-memory-bytes", this.options.quorumMaxMemoryBytes());
	}

	private static void putIfPositive(Map<String, Object> arguments, String name, int value) {
		if (value > 0) {
			arguments.put(name, value);
		}
	}

}
