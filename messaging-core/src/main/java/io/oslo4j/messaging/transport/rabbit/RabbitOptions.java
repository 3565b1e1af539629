package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.oslo4j.messaging.InvalidTransportUrlException;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.options.InvalidOptionException;
import io.oslo4j.messaging.options.OptionValues;
import io.oslo4j.messaging.options.OsloOption;
import io.oslo4j.messaging.options.OsloOptions;
import io.oslo4j.messaging.wire.Compression;

import org.jspecify.annotations.Nullable;

/**
 * The options of oslo's {@code [oslo_messaging_rabbit]} group, and {@code control_exchange}, as
 * the {@code rabbit://} driver runs with them: every option of oslo.messaging 18.3 (and 14.0.3's
 * older names), with oslo's defaults and checks. {@link OsloOptions} says what each one does.
 * Every peer of a deployment, Python or Java, must agree on the options that shape the topology
 * ({@code amqp_durable_queues}, {@code amqp_auto_delete}, {@code rabbit_ha_queues}, the quorum and
 * stream options, {@code rabbit_transient_queues_ttl}), or RabbitMQ refuses the second declaration
 * with {@code 406 PRECONDITION_FAILED}.
 *
 * <p>In a transport URL the options go in the query under oslo's names
 * ({@code rabbit://host/?amqp_durable_queues=true}); see {@link #fromUrl(TransportUrl)}. From Java,
 * start from {@link #defaults()} and use {@link #with(String, String)}.
 *
 * @since 0.1
 */
public final class RabbitOptions {

	private static final String CONTROL_EXCHANGE = "control_exchange";

	private static final RabbitOptions DEFAULTS = new RabbitOptions("openstack", OptionValues.empty());

	private final String controlExchange;

	private final OptionValues values;

	private RabbitOptions(String controlExchange, OptionValues values) {
		this.controlExchange = controlExchange;
		this.values = values;
	}

	/** oslo's defaults, with the control exchange {@code openstack}. */
	public static RabbitOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * The options in a transport URL's query, over the defaults: every key must be an option of
	 * oslo's {@code [oslo_messaging_rabbit]} group or {@code control_exchange}, as oslo's
	 * {@code ConfigOptsProxy} requires, and its value must convert to the option's type.
	 * @throws InvalidTransportUrlException for an unknown option, a value of the wrong type, or
	 * options that contradict each other
	 */
	public static RabbitOptions fromUrl(TransportUrl url) {
		return fromQuery(url.toString(), url.query());
	}

	/**
	 * Like {@link #fromUrl(TransportUrl)}, for a query alone.
	 * @param source names the options in errors: a URL, or where the options came from
	 */
	public static RabbitOptions fromQuery(String source, Map<String, String> query) {
		RabbitOptions options = DEFAULTS;
		try {
			for (Map.Entry<String, String> option : query.entrySet()) {
				options = options.with(option.getKey(), option.getValue());
			}
			RabbitOptionsCheck.check(options);
		}
		catch (InvalidOptionException ex) {
			throw new InvalidTransportUrlException(source, ex.getMessage());
		}
		return options;
	}

	/**
	 * These options with one more set, under its oslo name; combinations are checked by
	 * {@link #fromQuery(String, Map)}.
	 * @throws InvalidOptionException for a name that is no option of the group, or a value oslo refuses
	 */
	public RabbitOptions with(String option, String value) {
		if (CONTROL_EXCHANGE.equals(option)) {
			if (value.isEmpty()) {
				throw new InvalidOptionException(option, "option 'control_exchange=': must not be empty");
			}
			return new RabbitOptions(value, this.values);
		}
		OsloOption known = OsloOptions.find(OsloOption.RABBIT, option)
			.orElseThrow(() -> RabbitOptionsCheck.notRabbit(option));
		return new RabbitOptions(this.controlExchange, this.values.with(known, value));
	}

	/** The options set, under their oslo names, with their texts as written. */
	public Map<String, String> texts() {
		Map<String, String> texts = new LinkedHashMap<>();
		if (!this.controlExchange.equals(DEFAULTS.controlExchange)) {
			texts.put(CONTROL_EXCHANGE, this.controlExchange);
		}
		texts.putAll(this.values.texts());
		return texts;
	}

	boolean bool(String name) {
		return this.values.bool(OsloOption.RABBIT, name);
	}

	int integer(String name) {
		return this.values.integer(OsloOption.RABBIT, name);
	}

	Duration seconds(String name) {
		return this.values.seconds(OsloOption.RABBIT, name);
	}

	Duration millis(String name) {
		return Duration.ofMillis(this.values.decimal(OsloOption.RABBIT, name).movePointRight(3).longValue());
	}

	String string(String name) {
		return Objects.requireNonNullElse(this.values.string(OsloOption.RABBIT, name), "");
	}

	/** {@code control_exchange}: the exchange of targets that name none, and of every notification. */
	public String controlExchange() {
		return this.controlExchange;
	}

	/** {@code amqp_durable_queues}. */
	public boolean durableQueues() {
		return bool("amqp_durable_queues");
	}

	/** {@code amqp_auto_delete}. */
	public boolean autoDelete() {
		return bool("amqp_auto_delete");
	}

	/** {@code rabbit_ha_queues}. */
	public boolean haQueues() {
		return bool("rabbit_ha_queues");
	}

	/** {@code rabbit_quorum_queue}. */
	public boolean quorumQueue() {
		return bool("rabbit_quorum_queue");
	}

	/** {@code rabbit_transient_quorum_queue}. */
	public boolean transientQuorumQueue() {
		return bool("rabbit_transient_quorum_queue");
	}

	/** {@code rabbit_quorum_delivery_limit}, 0 for none. */
	public int quorumDeliveryLimit() {
		return integer("rabbit_quorum_delivery_limit");
	}

	/** {@code rabbit_quorum_max_memory_length} (14.0.3: {@code rabbit_quroum_max_memory_length}), 0 for none. */
	public int quorumMaxMemoryLength() {
		return integer("rabbit_quorum_max_memory_length");
	}

	/** {@code rabbit_quorum_max_memory_bytes} (14.0.3: {@code rabbit_quroum_max_memory_bytes}), 0 for none. */
	public int quorumMaxMemoryBytes() {
		return integer("rabbit_quorum_max_memory_bytes");
	}

	/** {@code rabbit_transient_queues_ttl}; zero for none. */
	public Duration transientQueuesTtl() {
		return seconds("rabbit_transient_queues_ttl");
	}

	/** {@code rabbit_stream_fanout}. */
	public boolean streamFanout() {
		return bool("rabbit_stream_fanout");
	}

	/** {@code use_queue_manager}. */
	public boolean useQueueManager() {
		return bool("use_queue_manager");
	}

	/** {@code hostname}, or {@code null} for the machine's host name. */
	public @Nullable String hostname() {
		return this.values.string(OsloOption.RABBIT, "hostname");
	}

	/** {@code processname}, or {@code null} for the program's name. */
	public @Nullable String processname() {
		return this.values.string(OsloOption.RABBIT, "processname");
	}

	/** {@code rabbit_qos_prefetch_count}, 0 for no limit. */
	public int qosPrefetchCount() {
		return integer("rabbit_qos_prefetch_count");
	}

	/** {@code enable_cancel_on_failover}. */
	public boolean cancelOnFailover() {
		return bool("enable_cancel_on_failover");
	}

	/** {@code rpc_conn_pool_size}: at most how many channels publish at the same time. */
	public int publisherChannels() {
		return integer("rpc_conn_pool_size");
	}

	/** {@code kombu_missing_consumer_retry_timeout}. */
	public Duration missingConsumerRetryTimeout() {
		return seconds("kombu_missing_consumer_retry_timeout");
	}

	/** {@code direct_mandatory_flag}. */
	public boolean directMandatoryFlag() {
		return bool("direct_mandatory_flag");
	}

	/** {@code kombu_compression} as written ({@code gzip}, {@code bzip2}, ...), or {@code null} for none. */
	public @Nullable String compression() {
		return this.values.string(OsloOption.RABBIT, "kombu_compression");
	}

	/**
	 * The content type that {@code kombu_compression} compresses with, and names in the
	 * {@code compression} header; {@code null} for none.
	 */
	@Nullable String compressionContentType() {
		String name = compression();
		return (name != null) ? Compression.contentType(name) : null;
	}

	/** {@code rabbit_login_method}. */
	public String loginMethod() {
		return string("rabbit_login_method");
	}

	/** The options of the waits before the driver consumes or publishes again after a failure. */
	public RabbitReconnectOptions reconnect() {
		return new RabbitReconnectOptions(Duration.ofSeconds(integer("rabbit_retry_interval")),
				Duration.ofSeconds(integer("rabbit_retry_backoff")), Duration.ofSeconds(integer("rabbit_interval_max")),
				millis("kombu_reconnect_delay"), millis("kombu_reconnect_splay"));
	}

	/** {@code kombu_failover_strategy}: {@code round-robin} or {@code shuffle}. */
	public String failoverStrategy() {
		return string("kombu_failover_strategy");
	}

	/** {@code heartbeat_timeout_threshold}; zero disables heartbeats. */
	public Duration heartbeatTimeoutThreshold() {
		return seconds("heartbeat_timeout_threshold");
	}

	/** {@code heartbeat_rate}. */
	public int heartbeatRate() {
		return integer("heartbeat_rate");
	}

	/** The TLS options: {@code ssl} and the {@code ssl_*} ones. */
	public RabbitTlsOptions tls() {
		return new RabbitTlsOptions(bool("ssl"), string("ssl_ca_file"), string("ssl_cert_file"), string("ssl_key_file"),
				string("ssl_version"), bool("ssl_enforce_hostname_verification"));
	}

	/** Whether topic exchanges and topic, server and notification queues are durable. */
	boolean sharedEntitiesDurable() {
		return durableQueues() || quorumQueue();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof RabbitOptions that) && this.controlExchange.equals(that.controlExchange)
				&& this.values.equals(that.values);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.controlExchange, this.values);
	}

	@Override
	public String toString() {
		return "RabbitOptions" + texts();
	}

}
