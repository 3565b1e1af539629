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
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.WireLimits;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.Assert;

/**
 * What the auto-configuration opens a {@link Transport} with, as {@link TransportCustomizer}s see
 * it: the oslo options of the {@code messaging.*} properties the user set, under oslo's names, so
 * that they reach a driver the way the options of a transport URL's query do, and the limits on
 * what is read from the wire, which no URL carries. Options the user did not set are left out:
 * the driver applies oslo's defaults, and an error or a failure analysis shows only what was set.
 * An option already written in the URL wins; each driver gets only the options it knows
 * ({@code fake://} knows two of them).
 *
 * @since 0.2
 */
public final class TransportOptions {

	private static final Set<String> RABBIT_DRIVERS = Set.of("rabbit", "kombu");

	private static final Set<String> FAKE_OPTIONS = Set.of("control_exchange", "kombu_missing_consumer_retry_timeout");

	private static final String CONTROL_EXCHANGE = "control_exchange";

	private final Map<String, String> options = new LinkedHashMap<>();

	private WireLimits wireLimits = WireLimits.defaults();

	private TransportOptions() {
	}

	static TransportOptions of(MessagingProperties properties) {
		TransportOptions result = new TransportOptions();
		@Nullable String controlExchange = properties.getControlExchange();
		if (controlExchange != null) {
			result.options.put(CONTROL_EXCHANGE, controlExchange);
		}
		for (OsloOption option : OsloOptions.group(OsloOption.RABBIT)) {
			@Nullable String text = OsloProperties.text(properties, option);
			if (text != null) {
				result.options.put(option.name(), text);
			}
		}
		return result;
	}

	/** The options of the properties, then of each customizer in order. */
	static TransportOptions of(MessagingProperties properties, ObjectProvider<TransportCustomizer> customizers) {
		TransportOptions options = of(properties);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(options));
		return options;
	}

	/**
	 * Sets an option of {@code [oslo_messaging_rabbit]}, or {@code control_exchange}, in oslo's
	 * text form, over its property; the driver checks it as it checks a URL's.
	 * @param name the option's oslo name, such as {@code rabbit_qos_prefetch_count}
	 * @param value its value as oslo writes it: seconds for times, {@code true} or {@code false}
	 * @return these options
	 */
	public TransportOptions option(String name, String value) {
		Assert.isTrue(CONTROL_EXCHANGE.equals(name) || OsloOptions.find(OsloOption.RABBIT, name).isPresent(),
				() -> "'" + name + "' is neither control_exchange nor an option of [oslo_messaging_rabbit]");
		this.options.put(name, value);
		return this;
	}

	/** Every option set, under its oslo name, in oslo's text form. */
	public Map<String, String> all() {
		return Collections.unmodifiableMap(this.options);
	}

	/**
	 * Sets the limits on what the transport accepts from the wire.
	 * @param wireLimits the limits; {@link WireLimits#defaults()} unless set
	 * @return these options
	 */
	public TransportOptions wireLimits(WireLimits wireLimits) {
		this.wireLimits = wireLimits;
		return this;
	}

	/** The limits on what the transport accepts from the wire. */
	public WireLimits wireLimits() {
		return this.wireLimits;
	}

	/**
	 * Opens the transport of a URL, with the options its driver knows and its query lacks.
	 * @throws io.oslo4j.messaging.InvalidTransportUrlException if the URL cannot be parsed
	 */
	Transport open(String url) {
		return Transport.open(applyTo(url), this.wireLimits);
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
