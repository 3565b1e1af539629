package io.oslo4j.messaging.boot.autoconfigure;

import java.time.Duration;

import io.oslo4j.messaging.options.InvalidOptionException;
import io.oslo4j.messaging.options.OsloOption;
import io.oslo4j.messaging.options.OsloOptions;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The {@code [DEFAULT]} and {@code [oslo_messaging_notifications]} options as the
 * auto-configuration applies them: the property if set, else its deprecated alias, else oslo's
 * default; each checked as oslo.config checks it (bounds, choices), so that a value oslo refuses
 * fails start-up naming the property, the value, where it was set and oslo's reason (Boot's
 * analysis of {@link InvalidConfigurationPropertyValueException}). The
 * {@code [oslo_messaging_rabbit]} options go to the driver instead ({@link TransportOptions}), which
 * checks them.
 */
@SuppressWarnings("deprecation")
final class OsloSettings {

	private OsloSettings() {
	}

	/** {@code rpc_response_timeout}: the RpcClient's timeout of calls that set none. */
	static Duration rpcResponseTimeout(MessagingProperties properties) {
		Duration configured = firstSet(properties.getRpcResponseTimeout(), properties.getClient().getTimeout());
		return (Duration) value(OsloOption.DEFAULT, "rpc_response_timeout", configured);
	}

	/** {@code executor_thread_pool_size}: the workers, and the requests in flight that hold one. */
	static int executorThreadPoolSize(MessagingProperties properties) {
		Integer configured = firstSet(properties.getExecutorThreadPoolSize(), properties.getServer().getPoolSize());
		return (Integer) value(OsloOption.DEFAULT, "executor_thread_pool_size", configured);
	}

	/** {@code rpc_ping_enabled}. */
	static boolean rpcPingEnabled(MessagingProperties properties) {
		return (Boolean) value(OsloOption.DEFAULT, "rpc_ping_enabled", properties.getRpcPingEnabled());
	}

	/** {@code [oslo_messaging_notifications] retry}. */
	static int notificationRetry(MessagingProperties properties) {
		int retry = (Integer) value(OsloOption.NOTIFICATIONS, "retry", properties.getNotification().getRetry());
		if (retry < -1) {
			OsloOption option = option(OsloOption.NOTIFICATIONS, "retry");
			throw new InvalidConfigurationPropertyValueException(OsloProperties.propertyName(option), retry,
					option.invalid(String.valueOf(retry), "must be -1 (retry without end), 0 (never) or the number of "
							+ "retries").getMessage());
		}
		return retry;
	}

	@SafeVarargs
	private static <T> @Nullable T firstSet(@Nullable T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	/** The option's value: the configured one, checked, or oslo's default. */
	private static Object value(String group, String name, @Nullable Object configured) {
		OsloOption option = option(group, name);
		String text = (configured != null) ? OsloProperties.text(configured) : option.defaultValue();
		if (text == null) {
			throw new IllegalStateException("option " + option.qualifiedName() + " has no default");
		}
		try {
			return option.convert(text);
		}
		catch (InvalidOptionException ex) {
			throw new InvalidConfigurationPropertyValueException(OsloProperties.propertyName(option), text,
					"oslo refuses " + option.qualifiedName() + ": " + ex.getMessage());
		}
	}

	private static OsloOption option(String group, String name) {
		return OsloOptions.find(group, name)
			.orElseThrow(() -> new IllegalStateException("no option " + name + " in the catalog of [" + group + "]"));
	}

}
