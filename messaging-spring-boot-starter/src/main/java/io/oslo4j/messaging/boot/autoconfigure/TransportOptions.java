package io.oslo4j.messaging.boot.autoconfigure;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.options.OsloOption;
import io.oslo4j.messaging.options.OsloOptions;

import org.jspecify.annotations.Nullable;

/**
 * The {@code messaging.*} properties the user set, as oslo transport options under oslo's names,
 * so that they reach a driver the way the options of a transport URL's query do. Options the user
 * did not set are left out: the driver applies oslo's defaults, and an error or a failure analysis
 * shows only what the user wrote. An option already written in the URL wins; each driver gets only
 * the options it knows ({@code fake://} knows two of them).
 */
final class TransportOptions {

	private static final Set<String> RABBIT_DRIVERS = Set.of("rabbit", "kombu");

	private static final Set<String> FAKE_OPTIONS = Set.of("control_exchange", "kombu_missing_consumer_retry_timeout");

	private static final String CONTROL_EXCHANGE = "control_exchange";

	private final Map<String, String> options;

	private TransportOptions(Map<String, String> options) {
		this.options = options;
	}

	static TransportOptions of(MessagingProperties properties) {
		Map<String, String> options = new LinkedHashMap<>();
		@Nullable String controlExchange = properties.getControlExchange();
		if (controlExchange != null) {
			options.put(CONTROL_EXCHANGE, controlExchange);
		}
		for (OsloOption option : OsloOptions.group(OsloOption.RABBIT)) {
			@Nullable String text = OsloProperties.text(properties, option);
			if (text != null) {
				options.put(option.name(), text);
			}
		}
		return new TransportOptions(Collections.unmodifiableMap(options));
	}

	/** Every option set, for a driver built on the application's connection factory. */
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

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
