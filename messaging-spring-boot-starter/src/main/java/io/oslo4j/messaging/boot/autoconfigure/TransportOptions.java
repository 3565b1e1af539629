package io.oslo4j.messaging.boot.autoconfigure;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.oslo4j.messaging.TransportUrl;

/**
 * The {@code messaging.*} properties as oslo transport options, under oslo's names, so that they
 * reach a driver the way the options of a transport URL's query do. An option already written in
 * the URL wins; each driver gets only the options it knows ({@code fake://} knows two of them).
 */
final class TransportOptions {

	private static final Set<String> RABBIT_DRIVERS = Set.of("rabbit", "kombu");

	private static final Set<String> FAKE_OPTIONS = Set.of("control_exchange", "kombu_missing_consumer_retry_timeout");

	private final Map<String, String> options;

	private TransportOptions(Map<String, String> options) {
		this.options = options;
	}

	static TransportOptions of(MessagingProperties properties) {
		MessagingProperties.Rabbit rabbit = properties.getRabbit();
		Map<String, String> options = new LinkedHashMap<>();
		options.put("control_exchange", properties.getControlExchange());
		options.put("amqp_durable_queues", String.valueOf(rabbit.isDurableQueues()));
		options.put("amqp_auto_delete", String.valueOf(rabbit.isAutoDelete()));
		options.put("rabbit_quorum_queue", String.valueOf(rabbit.isQuorumQueue()));
		options.put("rabbit_quorum_delivery_limit", String.valueOf(rabbit.getQuorumDeliveryLimit()));
		options.put("rabbit_ha_queues", String.valueOf(rabbit.isHaQueues()));
		options.put("rabbit_transient_queues_ttl", seconds(rabbit.getTransientQueuesTtl()));
		options.put("rabbit_qos_prefetch_count", String.valueOf(rabbit.getPrefetchCount()));
		options.put("kombu_missing_consumer_retry_timeout", seconds(rabbit.getMissingConsumerRetryTimeout()));
		return new TransportOptions(Map.copyOf(options));
	}

	/** Every option, for a driver built on the application's connection factory. */
	Map<String, String> all() {
		return this.options;
	}

	/**
	 * The URL with the options its driver knows and its query lacks appended.
	 * @throws io.oslo4j.messaging.InvalidTransportUrlException if the URL cannot be parsed
	 */
	String applyTo(String url) {
		TransportUrl parsed = TransportUrl.parse(url);
		StringBuilder result = new StringBuilder(url);
		char separator = url.contains("?") ? '&' : '?';
		for (Map.Entry<String, String> option : this.options.entrySet()) {
			if (knows(parsed.driver(), option.getKey()) && !parsed.query().containsKey(option.getKey())) {
				result.append(separator).append(option.getKey()).append('=').append(encode(option.getValue()));
				separator = '&';
			}
		}
		return result.toString();
	}

	private static boolean knows(String driver, String option) {
		return RABBIT_DRIVERS.contains(driver) || ("fake".equals(driver) && FAKE_OPTIONS.contains(option));
	}

	private static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
