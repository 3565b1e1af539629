package io.oslo4j.messaging.boot.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

import io.oslo4j.messaging.notify.NotificationDriver;
import io.oslo4j.messaging.options.OsloOption;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

/**
 * Where each oslo option lives among the {@code messaging.*} properties, and its value there in
 * oslo's text form. The rule is one for all, so that a user copies an option from an OpenStack
 * configuration file by its name: {@code [oslo_messaging_rabbit] rabbit_quorum_queue} is
 * {@code messaging.rabbit.rabbit-quorum-queue}, {@code [oslo_messaging_notifications] retry} is
 * {@code messaging.notification.retry}, and the {@code [DEFAULT]} options sit at the root
 * ({@code messaging.rpc-response-timeout}).
 *
 * @since 0.2
 */
public final class OsloProperties {

	/** The prefix of the properties. */
	public static final String PREFIX = "messaging";

	private OsloProperties() {
	}

	/** The property of an option, in Boot's canonical (kebab-case) form. */
	public static String propertyName(OsloOption option) {
		String group = switch (option.group()) {
			case OsloOption.RABBIT -> "rabbit.";
			case OsloOption.NOTIFICATIONS -> "notification.";
			default -> "";
		};
		return PREFIX + "." + group + option.name().replace('_', '-');
	}

	/** The value of an option among the properties; {@code null} when the user did not set it. */
	static @Nullable String text(MessagingProperties properties, OsloOption option) {
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(properties);
		String path = propertyName(option).substring(PREFIX.length() + 1);
		Object value = wrapper.getPropertyValue(beanPath(path));
		return (value != null) ? text(value) : null;
	}

	/** A property's value as oslo writes it: durations in seconds, lists comma-separated, drivers by name. */
	static String text(Object value) {
		if (value instanceof Duration duration) {
			return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (value instanceof Collection<?> items) {
			return items.stream().map(OsloProperties::text).collect(Collectors.joining(","));
		}
		if (value instanceof NotificationDriver driver) {
			return driver.configName();
		}
		return String.valueOf(value);
	}

	/** {@code rabbit.rabbit-quorum-queue} as the bean path {@code rabbit.rabbitQuorumQueue}. */
	private static String beanPath(String kebab) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : kebab.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				path.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
				upper = false;
			}
		}
		return path.toString();
	}

}
