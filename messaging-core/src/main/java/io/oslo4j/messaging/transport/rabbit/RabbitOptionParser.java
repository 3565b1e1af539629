package io.oslo4j.messaging.transport.rabbit;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.oslo4j.messaging.InvalidTransportUrlException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link RabbitOptions} from a transport URL's query as oslo's {@code ConfigOptsProxy} does:
 * every key must be an option of {@code [oslo_messaging_rabbit]} and its value must convert to the
 * option's type.
 */
final class RabbitOptionParser {

	private static final Logger logger = LoggerFactory.getLogger(RabbitOptionParser.class);

	private static final Set<String> TRUE = Set.of("true", "1", "on", "yes");

	private static final Set<String> FALSE = Set.of("false", "0", "off", "no");

	private static final Map<String, Setter> SUPPORTED = Map.ofEntries(
			Map.entry("control_exchange", (options, value) -> options.withControlExchange(value)),
			Map.entry("amqp_durable_queues", (options, value) -> options.withDurableQueues(bool(value))),
			Map.entry("amqp_auto_delete", (options, value) -> options.withAutoDelete(bool(value))),
			Map.entry("rabbit_ha_queues", (options, value) -> options.withHaQueues(bool(value))),
			Map.entry("rabbit_quorum_queue", (options, value) -> options.withQuorumQueue(bool(value))),
			Map.entry("rabbit_quorum_delivery_limit",
					(options, value) -> options.withQuorumDeliveryLimit(integer(value))),
			Map.entry("rabbit_quroum_max_memory_length",
					(options, value) -> options.withQuorumMaxMemoryLength(integer(value))),
			Map.entry("rabbit_quroum_max_memory_bytes",
					(options, value) -> options.withQuorumMaxMemoryBytes(integer(value))),
			Map.entry("rabbit_transient_queues_ttl",
					(options, value) -> options.withTransientQueuesTtl(seconds(value))),
			Map.entry("rabbit_qos_prefetch_count", (options, value) -> options.withQosPrefetchCount(integer(value))),
			Map.entry("kombu_missing_consumer_retry_timeout",
					(options, value) -> options.withMissingConsumerRetryTimeout(seconds(value))),
			Map.entry("heartbeat_timeout_threshold",
					(options, value) -> options.withHeartbeatTimeoutThreshold(seconds(value))),
			Map.entry("ssl", (options, value) -> options.withSsl(bool(value))),
			Map.entry("rpc_conn_pool_size", (options, value) -> options.withPublisherChannels(integer(value))));

	/** oslo options that tune the Python driver only: checked, then ignored. */
	private static final Map<String, Consumer<String>> IGNORED = Map.ofEntries(
			Map.entry("heartbeat_in_pthread", RabbitOptionParser::bool),
			Map.entry("heartbeat_rate", RabbitOptionParser::integer),
			Map.entry("kombu_reconnect_delay", RabbitOptionParser::seconds),
			Map.entry("kombu_failover_strategy", (value) -> choice(value, "round-robin", "shuffle")),
			Map.entry("rabbit_login_method", (value) -> choice(value, "PLAIN", "AMQPLAIN")),
			Map.entry("rabbit_retry_interval", RabbitOptionParser::integer),
			Map.entry("rabbit_retry_backoff", RabbitOptionParser::integer),
			Map.entry("rabbit_interval_max", RabbitOptionParser::integer),
			Map.entry("direct_mandatory_flag", RabbitOptionParser::bool),
			Map.entry("enable_cancel_on_failover", RabbitOptionParser::bool),
			Map.entry("conn_pool_min_size", RabbitOptionParser::integer),
			Map.entry("conn_pool_ttl", RabbitOptionParser::integer));

	/**
	 * oslo options about how to connect, read from the URL by the connection factory the driver
	 * builds (see {@link RabbitConnectionFactories}), not part of {@link RabbitOptions}.
	 */
	static final String SSL_CA_FILE = "ssl_ca_file";

	/** oslo options that oslo4j cannot honour from a URL, and what to do instead. */
	private static final String TLS_ON_FACTORY =
			"configure TLS on a Spring ConnectionFactory and build the driver on it";

	private static final Map<String, String> UNSUPPORTED = Map.of("ssl_version", TLS_ON_FACTORY, "ssl_key_file",
			TLS_ON_FACTORY, "ssl_cert_file", TLS_ON_FACTORY,
			"ssl_enforce_hostname_verification", TLS_ON_FACTORY, "ssl_enforce_fips_mode", TLS_ON_FACTORY,
			"kombu_compression", "oslo4j reads compressed messages but publishes uncompressed ones; remove the option");

	private RabbitOptionParser() {
	}

	static RabbitOptions parse(String source, Map<String, String> query) {
		RabbitOptions options = RabbitOptions.defaults();
		for (Map.Entry<String, String> option : query.entrySet()) {
			String key = option.getKey();
			String value = option.getValue();
			try {
				Setter setter = SUPPORTED.get(key);
				if (setter != null) {
					options = setter.apply(options, value);
				}
				else if (SSL_CA_FILE.equals(key)) {
					if (value.isBlank()) {
						throw new IllegalArgumentException("expected the path of a PEM file of CA certificates");
					}
				}
				else if (IGNORED.containsKey(key)) {
					IGNORED.get(key).accept(value);
					logger.debug("Option {} of {} tunes oslo's Python driver only; ignored", key, source);
				}
				else if (UNSUPPORTED.containsKey(key)) {
					throw new InvalidTransportUrlException(source,
							"option '" + key + "' is not supported by oslo4j: " + UNSUPPORTED.get(key));
				}
				else {
					throw new InvalidTransportUrlException(source, "unknown option '" + key
							+ "'; the rabbit driver knows " + String.join(", ", known())
							+ " (and ignores oslo's " + String.join(", ", new TreeSet<>(IGNORED.keySet())) + ")");
				}
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidTransportUrlException(source,
						"option '" + key + "=" + value + "': " + ex.getMessage());
			}
		}
		if (query.containsKey(SSL_CA_FILE) && !options.ssl()) {
			throw new InvalidTransportUrlException(source, "option '" + SSL_CA_FILE + "' is set but TLS is not: add "
					+ "ssl=true, or remove " + SSL_CA_FILE);
		}
		return options;
	}

	private static Set<String> known() {
		Set<String> known = new TreeSet<>(SUPPORTED.keySet());
		known.add(SSL_CA_FILE);
		return known;
	}

	static boolean bool(String value) {
		String lower = value.trim().toLowerCase(Locale.ROOT);
		if (TRUE.contains(lower)) {
			return true;
		}
		if (FALSE.contains(lower)) {
			return false;
		}
		throw new IllegalArgumentException("expected a boolean: true/false, yes/no, on/off or 1/0");
	}

	static int integer(String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("expected an integer");
		}
	}

	static Duration seconds(String value) {
		try {
			BigDecimal seconds = new BigDecimal(value.trim());
			return Duration.ofMillis(seconds.movePointRight(3).longValueExact());
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new IllegalArgumentException("expected a number of seconds (at most 3 decimals)");
		}
	}

	private static void choice(String value, String... allowed) {
		for (String candidate : allowed) {
			if (candidate.equals(value)) {
				return;
			}
		}
		throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
	}

	@FunctionalInterface
	private interface Setter {

		RabbitOptions apply(RabbitOptions options, String value);

	}

}
