package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.Map;

import io.oslo4j.messaging.InvalidTransportUrlException;
import io.oslo4j.messaging.TransportUrl;

/**
 * The options of oslo's {@code [oslo_messaging_rabbit]} group that change what the {@code rabbit://}
 * driver declares or how it behaves, with oslo 14.0.3's defaults. Every peer of a deployment, Python
 * or Java, must agree on the options that shape the topology ({@code amqp_durable_queues},
 * {@code amqp_auto_delete}, {@code rabbit_ha_queues}, {@code rabbit_quorum_queue} and its limits,
 * {@code rabbit_transient_queues_ttl}), or RabbitMQ refuses the second declaration with
 * {@code 406 PRECONDITION_FAILED}.
 *
 * <p>In a transport URL the options go in the query under oslo's names
 * ({@code rabbit://host/?amqp_durable_queues=true}); see {@link #fromUrl(TransportUrl)}. From Java,
 * start from {@link #defaults()} and use the {@code withXxx} methods.
 *
 * @param controlExchange oslo's {@code control_exchange} (default {@code openstack}): the exchange of
 * targets that name none, and of every notification. oslo reads it from its configuration; oslo4j
 * also takes it from the URL.
 * @param durableQueues {@code amqp_durable_queues}: whether topic exchanges and topic, server and
 * notification queues are durable
 * @param autoDelete {@code amqp_auto_delete}: whether those exchanges and queues are auto-deleted
 * @param haQueues {@code rabbit_ha_queues}: whether every queue gets {@code x-ha-policy: all}
 * @param quorumQueue {@code rabbit_quorum_queue}: whether topic, server and notification queues are
 * quorum queues (which also makes them and topic exchanges durable)
 * @param quorumDeliveryLimit {@code rabbit_quorum_delivery_limit}: {@code x-delivery-limit} of quorum
 * queues, 0 for none
 * @param quorumMaxMemoryLength {@code rabbit_quroum_max_memory_length} (oslo's spelling):
 * {@code x-max-in-memory-length} of quorum queues, 0 for none
 * @param quorumMaxMemoryBytes {@code rabbit_quroum_max_memory_bytes} (oslo's spelling):
 * {@code x-max-in-memory-bytes} of quorum queues, 0 for none
 * @param transientQueuesTtl {@code rabbit_transient_queues_ttl} (seconds in a URL): how long reply
 * and fanout queues outlive their last consumer ({@code x-expires})
 * @param qosPrefetchCount {@code rabbit_qos_prefetch_count}: how many unacknowledged messages a
 * listener may hold, 0 for no limit (no {@code basic.qos} at all)
 * @param missingConsumerRetryTimeout {@code kombu_missing_consumer_retry_timeout} (seconds in a URL):
 * how long a reply to a missing reply queue is retried
 * @param heartbeatTimeoutThreshold {@code heartbeat_timeout_threshold} (seconds in a URL): the AMQP
 * heartbeat requested from the broker, zero to disable
 * @param ssl {@code ssl}: whether connections use TLS, with the JVM's default trust store (applies
 * only to connections the driver makes from a URL)
 * @param publisherChannels {@code rpc_conn_pool_size}: at most how many channels publish at the same
 * time (oslo's pool of sending connections)
 * @since 0.1
 */
public record RabbitOptions(String controlExchange, boolean durableQueues, boolean autoDelete, boolean haQueues,
		boolean quorumQueue, int quorumDeliveryLimit, int quorumMaxMemoryLength, int quorumMaxMemoryBytes,
		Duration transientQueuesTtl, int qosPrefetchCount, Duration missingConsumerRetryTimeout,
		Duration heartbeatTimeoutThreshold, boolean ssl, int publisherChannels) {

	private static final RabbitOptions DEFAULTS = new RabbitOptions("openstack", false, false, false, false, 0, 0, 0,
			Duration.ofSeconds(1800), 0, Duration.ofSeconds(60), Duration.ofSeconds(60), false, 30);

	/**
	 * Checks the options as oslo does.
	 * @throws IllegalArgumentException naming the oslo option that is wrong
	 */
	public RabbitOptions {
		if (controlExchange.isEmpty()) {
			throw new IllegalArgumentException("control_exchange must not be empty");
		}
		if (haQueues && quorumQueue) {
			throw new IllegalArgumentException("rabbit_quorum_queue and rabbit_ha_queues are both enabled: a queue is "
					+ "either quorum or mirrored (HA), not both; disable one of them");
		}
		requireNotNegative("rabbit_quorum_delivery_limit", quorumDeliveryLimit);
		requireNotNegative("rabbit_quroum_max_memory_length", quorumMaxMemoryLength);
		requireNotNegative("rabbit_quroum_max_memory_bytes", quorumMaxMemoryBytes);
		requireNotNegative("rabbit_qos_prefetch_count", qosPrefetchCount);
		if (transientQueuesTtl.toMillis() < 1000 || transientQueuesTtl.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("rabbit_transient_queues_ttl must be from 1 to "
					+ (Integer.MAX_VALUE / 1000) + " seconds, was " + transientQueuesTtl.toMillis() / 1000.0);
		}
		if (missingConsumerRetryTimeout.isNegative()) {
			throw new IllegalArgumentException("kombu_missing_consumer_retry_timeout must not be negative");
		}
		if (heartbeatTimeoutThreshold.isNegative() || heartbeatTimeoutThreshold.toSeconds() > 65535) {
			throw new IllegalArgumentException("heartbeat_timeout_threshold must be from 0 to 65535 seconds");
		}
		if (publisherChannels < 1) {
			throw new IllegalArgumentException("rpc_conn_pool_size must be at least 1, was " + publisherChannels);
		}
	}

	/** oslo 14.0.3's defaults, with the control exchange {@code openstack}. */
	public static RabbitOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * The options in a transport URL's query, over the defaults. Besides the options of this record,
	 * the other options of oslo's {@code [oslo_messaging_rabbit]} group are accepted when their value
	 * has the right type, and ignored because they tune the Python driver only; those that oslo4j
	 * cannot honour (TLS files, compression) are refused.
	 * @throws InvalidTransportUrlException for an unknown option, a value of the wrong type, or
	 * options that contradict each other
	 */
	public static RabbitOptions fromUrl(TransportUrl url) {
		return RabbitOptionParser.parse(url.toString(), url.query());
	}

	/** Like {@link #fromUrl(TransportUrl)}, for a query alone; {@code source} names it in errors. */
	public static RabbitOptions fromQuery(String source, Map<String, String> query) {
		return RabbitOptionParser.parse(source, query);
	}

	private static void requireNotNegative(String option, int value) {
		if (value < 0) {
			throw new IllegalArgumentException(option + " must not be negative, was " + value);
		}
	}

	public RabbitOptions withControlExchange(String controlExchange) {
		return new RabbitOptions(controlExchange, this.durableQueues, this.autoDelete, this.haQueues, this.quorumQueue,
				this.quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withDurableQueues(boolean durableQueues) {
		return new RabbitOptions(this.controlExchange, durableQueues, this.autoDelete, this.haQueues, this.quorumQueue,
				this.quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withAutoDelete(boolean autoDelete) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, autoDelete, this.haQueues, this.quorumQueue,
				this.quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withHaQueues(boolean haQueues) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, this.autoDelete, haQueues, this.quorumQueue,
				this.quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withQuorumQueue(boolean quorumQueue) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, this.autoDelete, this.haQueues, quorumQueue,
				this.quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withQuorumDeliveryLimit(int quorumDeliveryLimit) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, this.autoDelete, this.haQueues,
				this.quorumQueue, quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withQuorumMaxMemoryLength(int quorumMaxMemoryLength) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, this.autoDelete, this.haQueues,
				this.quorumQueue, this.quorumDeliveryLimit, quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withQuorumMaxMemoryBytes(int quorumMaxMemoryBytes) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, this.autoDelete, this.haQueues,
				this.quorumQueue, this.quorumDeliveryLimit, this.quorumMaxMemoryLength, quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withTransientQueuesTtl(Duration transientQueuesTtl) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, this.autoDelete, this.haQueues,
				this.quorumQueue, this.quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withQosPrefetchCount(int qosPrefetchCount) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, this.autoDelete, this.haQueues,
				this.quorumQueue, this.quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withMissingConsumerRetryTimeout(Duration missingConsumerRetryTimeout) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, this.autoDelete, this.haQueues,
				this.quorumQueue, this.quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withHeartbeatTimeoutThreshold(Duration heartbeatTimeoutThreshold) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, this.autoDelete, this.haQueues,
				this.quorumQueue, this.quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				heartbeatTimeoutThreshold, this.ssl, this.publisherChannels);
	}

	public RabbitOptions withSsl(boolean ssl) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, this.autoDelete, this.haQueues,
				this.quorumQueue, this.quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, ssl, this.publisherChannels);
	}

	public RabbitOptions withPublisherChannels(int publisherChannels) {
		return new RabbitOptions(this.controlExchange, this.durableQueues, this.autoDelete, this.haQueues,
				this.quorumQueue, this.quorumDeliveryLimit, this.quorumMaxMemoryLength, this.quorumMaxMemoryBytes,
				this.transientQueuesTtl, this.qosPrefetchCount, this.missingConsumerRetryTimeout,
				this.heartbeatTimeoutThreshold, this.ssl, publisherChannels);
	}

	/** Whether topic exchanges and topic, server and notification queues are durable. */
	boolean sharedEntitiesDurable() {
		return this.durableQueues || this.quorumQueue;
	}

}
