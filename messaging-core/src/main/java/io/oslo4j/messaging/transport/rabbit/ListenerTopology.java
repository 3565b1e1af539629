package io.oslo4j.messaging.transport.rabbit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a listener declares and consumes, as {@link RabbitTopology} decides it.
 *
 * @param declarations what to declare, in order, before consuming (again)
 * @param queues the queues to consume, in order: the consumer tags are {@code firstConsumerTag},
 * and up by one for each next queue
 * @param ownedQueues the queues to delete on close: queues of random names only, never a shared
 * stream nor a queue-manager name that a restarted process reuses
 * @param consumerArguments the consumer arguments of every queue but the stream
 * @param streamQueue the fanout stream among the queues, consumed from an offset, or null
 * @param firstConsumerTag the tag of the first queue's consumer: oslo numbers the consumers of a
 * connection 1, 2, ..., and a listener on the second channel of an RPC server goes on from the first
 */
record ListenerTopology(List<Declaration> declarations, List<String> queues, List<String> ownedQueues,
		Map<String, Object> consumerArguments, @Nullable String streamQueue, int firstConsumerTag) {

	ListenerTopology {
		declarations = List.copyOf(declarations);
		queues = List.copyOf(queues);
		ownedQueues = List.copyOf(ownedQueues);
		consumerArguments = Collections.unmodifiableMap(new LinkedHashMap<>(consumerArguments));
	}

	/** A listener's topology whose consumers are tagged 1, 2, ... */
	ListenerTopology(List<Declaration> declarations, List<String> queues, List<String> ownedQueues,
			Map<String, Object> consumerArguments, @Nullable String streamQueue) {
		this(declarations, queues, ownedQueues, consumerArguments, streamQueue, 1);
	}

}
