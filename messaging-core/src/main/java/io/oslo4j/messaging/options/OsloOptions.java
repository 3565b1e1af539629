package io.oslo4j.messaging.options;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import static io.oslo4j.messaging.options.OptionType.BOOLEAN;
import static io.oslo4j.messaging.options.OptionType.FLOAT;
import static io.oslo4j.messaging.options.OptionType.INTEGER;
import static io.oslo4j.messaging.options.OptionType.LIST;
import static io.oslo4j.messaging.options.OptionType.SECONDS;
import static io.oslo4j.messaging.options.OptionType.STRING;
import static io.oslo4j.messaging.options.OsloOption.DEFAULT;
import static io.oslo4j.messaging.options.OsloOption.NOTIFICATIONS;
import static io.oslo4j.messaging.options.OsloOption.RABBIT;

/**
 * Every option of oslo.messaging 18.3's {@code [oslo_messaging_rabbit]} and
 * {@code [oslo_messaging_notifications]} groups and its {@code [DEFAULT]} RPC options, and the
 * options of 14.0.3 that later versions renamed or removed, with what oslo4j does with each. No
 * option of these groups is unknown to oslo4j: each either acts as it does in oslo, or is accepted,
 * checked and documented as having no effect in Java, with the reason.
 *
 * @since 0.2
 */
public final class OsloOptions {

	private static final List<OsloOption> ALL = Stream.of(
			// [DEFAULT]
			option(DEFAULT, "transport_url", STRING, "rabbit://",
					"the transport URL of RPC (and of notifications, unless their group sets one)"),
			option(DEFAULT, "control_exchange", STRING, "openstack",
					"the exchange of targets that name none, and of every notification"),
			option(DEFAULT, "rpc_response_timeout", SECONDS, "60",
					"how long a call waits for its reply when it sets no timeout of its own").min(0),
			option(DEFAULT, "executor_thread_pool_size", INTEGER, "64",
					"the worker threads of the executor, and how many requests a server handles at once").min(1),
			option(DEFAULT, "rpc_ping_enabled", BOOLEAN, "false",
					"RPC servers answer oslo's oslo_rpc_server_ping method with 'pong'"),
			// [oslo_messaging_notifications]
			option(NOTIFICATIONS, "driver", LIST, "",
					"the notifier's drivers (messagingv2, messaging, log, test, routing, noop); several may be given"),
			option(NOTIFICATIONS, "routing_config", STRING, null,
					"the YAML file telling the routing driver which drivers get which notifications"),
			option(NOTIFICATIONS, "transport_url", STRING, null,
					"a separate transport for notifications; RPC's transport when not set"),
			option(NOTIFICATIONS, "topics", LIST, "notifications", "the topics notifications are sent to"),
			option(NOTIFICATIONS, "retry", INTEGER, "-1",
					"how often a notification is tried again when the broker cannot take it: -1 forever, 0 never"),
			// [oslo_messaging_rabbit]: topology
			option(RABBIT, "amqp_durable_queues", BOOLEAN, "false",
					"topic exchanges and topic, server and notification queues are durable"),
			option(RABBIT, "amqp_auto_delete", BOOLEAN, "false",
					"topic exchanges and topic, server and notification queues are deleted with their last consumer"),
			option(RABBIT, "rabbit_ha_queues", BOOLEAN, "false",
					"every queue is declared with x-ha-policy: all (RabbitMQ 4 ignores it: mirroring is gone)"),
			option(RABBIT, "rabbit_quorum_queue", BOOLEAN, "false",
					"topic, server and notification queues are quorum queues, and topic exchanges durable"),
			option(RABBIT, "rabbit_transient_quorum_queue", BOOLEAN, "false",
					"reply and fanout queues are quorum queues too, and the fanout exchange durable"),
			option(RABBIT, "rabbit_quorum_delivery_limit", INTEGER, "0",
					"x-delivery-limit of quorum queues, 0 for none").min(0),
			option(RABBIT, "rabbit_quorum_max_memory_length", INTEGER, "0",
					"x-max-in-memory-length of quorum queues, 0 for none").min(0)
				.deprecated("rabbit_quroum_max_memory_length"),
			option(RABBIT, "rabbit_quorum_max_memory_bytes", INTEGER, "0",
					"x-max-in-memory-bytes of quorum queues, 0 for none").min(0)
				.deprecated("rabbit_quroum_max_memory_bytes"),
			option(RABBIT, "rabbit_transient_queues_ttl", SECONDS, "1800",
					"x-expires of reply and fanout queues (x-max-age of the fanout stream); 0 for none").min(0),
			option(RABBIT, "rabbit_stream_fanout", BOOLEAN, "false",
					"one shared stream queue <topic>_fanout per topic instead of a fanout queue per server, "
							+ "consumed from its last offset"),
			option(RABBIT, "use_queue_manager", BOOLEAN, "false",
					"reply and fanout queues are named <hostname>:<processname>:<n>, reused by a restarted process"),
			option(RABBIT, "hostname", STRING, null,
					"the host name in queue manager names; the kernel's host name by default, as socket.gethostname()"),
			option(RABBIT, "processname", STRING, null,
					"the process name in queue manager names; by default the jar's file name (java -jar) or the "
							+ "main class's simple name"),
			option(RABBIT, "rabbit_qos_prefetch_count", INTEGER, "0",
					"how many unacknowledged messages a consumer may hold, 0 for no limit").min(0),
			option(RABBIT, "enable_cancel_on_failover", BOOLEAN, "false",
					"consumers ask for x-cancel-on-ha-failover, so that the broker cancels them when their "
							+ "queue's node fails"),
			// [oslo_messaging_rabbit]: publishing
			option(RABBIT, "rpc_conn_pool_size", INTEGER, "30",
					"at most how many channels publish at the same time").min(1),
			inert(RABBIT, "conn_pool_min_size", INTEGER, "2",
					"oslo4j publishes over one long-lived connection, which it never expires; only checked "
							+ "against rpc_conn_pool_size"),
			inert(RABBIT, "conn_pool_ttl", INTEGER, "1200",
					"oslo4j publishes over one long-lived connection, which it never expires"),
			option(RABBIT, "kombu_missing_consumer_retry_timeout", SECONDS, "60",
					"how long a reply to a missing reply queue is retried").min(0)
				.deprecated("kombu_reconnect_timeout"),
			option(RABBIT, "direct_mandatory_flag", BOOLEAN, "true",
					"replies are published mandatory, so that a missing reply queue is noticed and retried; "
							+ "when false a reply to a missing queue is dropped by the broker"),
			option(RABBIT, "kombu_compression", STRING, null,
					"messages are published compressed under kombu's names: gzip or zlib (a zlib stream, header "
							+ "compression: application/x-gzip), bzip2 or bzip (application/x-bz2); bz2, which "
							+ "oslo's help names but kombu does not know (oslo then fails every publish), and lzma "
							+ "are refused; compressed messages are always read, within WireLimits.maxBodyBytes"),
			// [oslo_messaging_rabbit]: connecting
			option(RABBIT, "rabbit_login_method", STRING, "AMQPLAIN",
					"the SASL mechanism: AMQPLAIN (as py-amqp writes it), PLAIN, or EXTERNAL, where the broker "
							+ "takes the user from the client certificate of ssl_cert_file; RABBIT-CR-DEMO is "
							+ "refused, as py-amqp cannot log in with it either")
				.choices("PLAIN", "AMQPLAIN", "EXTERNAL", "RABBIT-CR-DEMO"),
			option(RABBIT, "rabbit_retry_interval", INTEGER, "1",
					"kombu's first interval: seconds added to the wait after the first failed reconnection "
							+ "attempt").min(1),
			option(RABBIT, "rabbit_retry_backoff", INTEGER, "2",
					"seconds added to the wait after each failed reconnection attempt").min(0),
			option(RABBIT, "rabbit_interval_max", INTEGER, "30",
					"the interval grows no further than its last step within rabbit_interval_max + "
							+ "rabbit_retry_interval").min(1),
			option(RABBIT, "kombu_reconnect_delay", FLOAT, "1.0",
					"seconds waited before each attempt to consume again after a lost channel or cancelled consumer")
				.min(0).max(4.5),
			option(RABBIT, "kombu_reconnect_splay", FLOAT, "0.0",
					"at most how many random seconds are added to kombu_reconnect_delay").min(0),
			option(RABBIT, "kombu_failover_strategy", STRING, "round-robin",
					"how the next host of the URL is chosen when a connection attempt fails: the hosts are "
							+ "shuffled once per connection, as oslo does, and a connection tries the host it was "
							+ "connected to first; then round-robin takes the next host, shuffle one drawn at random")
				.choices("round-robin", "shuffle"),
			option(RABBIT, "heartbeat_timeout_threshold", SECONDS, "60",
					"the AMQP heartbeat asked of the broker, as py-amqp asks it (0 asks for none, whatever the "
							+ "broker proposes); a connection that hears nothing for twice the negotiated heartbeat "
							+ "is dead (py-amqp's rule) and reconnects").min(0).max(65535),
			option(RABBIT, "heartbeat_rate", INTEGER, "3",
					"how often the connection checks for that silence: every heartbeat / heartbeat_rate / 2 "
							+ "seconds (oslo's wait between heartbeat checks), at least every quarter heartbeat; "
							+ "unlike py-amqp, the Java client sends its heartbeats every half heartbeat whatever "
							+ "the rate, which is within what the broker needs").min(1),
			inert(RABBIT, "heartbeat_in_pthread", BOOLEAN, "false",
					"a detail of Python's green threads (removed in oslo.messaging 18.0): Java's client "
							+ "sends heartbeats from a thread of its own"),
			// [oslo_messaging_rabbit]: TLS
			option(RABBIT, "ssl", BOOLEAN, "false", "connections use TLS"),
			option(RABBIT, "ssl_ca_file", STRING, "",
					"a PEM file of the CA certificates that the broker's certificate must chain to; the JVM's "
							+ "trust store when empty"),
			option(RABBIT, "ssl_cert_file", STRING, "",
					"a PEM file with the client certificate (then its chain) shown to the broker that asks for "
							+ "one; with its key too when ssl_key_file is empty, as Python reads it"),
			option(RABBIT, "ssl_key_file", STRING, "",
					"a PEM file with the private key of ssl_cert_file: PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 "
							+ "(BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE KEY), without a pass phrase"),
			option(RABBIT, "ssl_version", STRING, "",
					"pins the TLS version, named as oslo names it in any case: TLSv1, TLSv1_1, TLSv1_2, or "
							+ "TLSv1_3 (Java only: oslo refuses it); SSLv23 or empty negotiates the best version"),
			option(RABBIT, "ssl_enforce_hostname_verification", BOOLEAN, "true",
					"the broker's certificate must name the host connected to; when false only its chain is "
							+ "checked (18.3 ignores the option and always checks the host name with ssl_ca_file)"),
			inert(RABBIT, "ssl_enforce_fips_mode", BOOLEAN, "false",
					"deprecated in oslo, where it has no effect since OpenSSL 3; a JVM's FIPS mode is the "
							+ "configuration of its security providers"))
		.map(Spec::build)
		.toList();

	private static final Map<String, OsloOption> BY_NAME = index();

	private OsloOptions() {
	}

	/** Every option, in the order of the documentation. */
	public static List<OsloOption> all() {
		return ALL;
	}

	/** The options of one group. */
	public static List<OsloOption> group(String group) {
		return ALL.stream().filter((option) -> option.group().equals(group)).toList();
	}

	/**
	 * The option of a group under a name or a deprecated name.
	 */
	public static Optional<OsloOption> find(String group, String name) {
		return Optional.ofNullable(BY_NAME.get(group + "/" + name));
	}

	/**
	 * The option of that name in any of the groups, {@code [oslo_messaging_rabbit]} first (a name may
	 * be in two groups: {@code transport_url}).
	 */
	public static Optional<OsloOption> find(String name) {
		return find(RABBIT, name).or(() -> find(DEFAULT, name)).or(() -> find(NOTIFICATIONS, name));
	}

	private static Map<String, OsloOption> index() {
		Map<String, OsloOption> index = new LinkedHashMap<>();
		for (OsloOption option : ALL) {
			index.put(option.group() + "/" + option.name(), option);
			option.deprecatedNames().forEach((name) -> index.put(option.group() + "/" + name, option));
		}
		return Map.copyOf(index);
	}

	private static Spec option(String group, String name, OptionType type, @Nullable String defaultValue,
			String effect) {
		return new Spec(group, name, type, defaultValue, true, effect);
	}

	private static Spec inert(String group, String name, OptionType type, @Nullable String defaultValue,
			String reason) {
		return new Spec(group, name, type, defaultValue, false, reason);
	}

	/** An option being written down; a {@link Spec} is an {@link OsloOption} with its checks added. */
	private static final class Spec {

		private final String group;

		private final String name;

		private final OptionType type;

		private final @Nullable String defaultValue;

		private final boolean applied;

		private final String effect;

		private final List<String> choices = new ArrayList<>();

		private final List<String> deprecatedNames = new ArrayList<>();

		private @Nullable BigDecimal min;

		private @Nullable BigDecimal max;

		Spec(String group, String name, OptionType type, @Nullable String defaultValue, boolean applied,
				String effect) {
			this.group = group;
			this.name = name;
			this.type = type;
			this.defaultValue = defaultValue;
			this.applied = applied;
			this.effect = effect;
		}

		Spec min(double min) {
			this.min = BigDecimal.valueOf(min).stripTrailingZeros();
			return this;
		}

		Spec max(double max) {
			this.max = BigDecimal.valueOf(max).stripTrailingZeros();
			return this;
		}

		Spec choices(String... choices) {
			this.choices.addAll(List.of(choices));
			return this;
		}

		Spec deprecated(String name) {
			this.deprecatedNames.add(name);
			return this;
		}

		OsloOption build() {
			return new OsloOption(this.group, this.name, this.type, this.defaultValue, this.choices, this.min,
					this.max, this.deprecatedNames, this.applied, this.effect);
		}

	}

}
