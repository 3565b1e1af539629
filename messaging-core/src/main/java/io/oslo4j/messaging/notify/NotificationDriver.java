package io.oslo4j.messaging.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a {@link Notifier} sends: oslo's notification drivers that matter on the wire.
 *
 * @since 0.1
 */
public enum NotificationDriver {

	/** {@code messagingv2}: the message inside the oslo 2.0 envelope. The normal choice, and the default. */
	MESSAGING_V2("messagingv2"),

	/** {@code messaging}: the legacy 1.0 format, the message itself as the body, unenveloped. */
	MESSAGING("messaging"),

	/** {@code noop}: sends nothing. */
	NOOP("noop");

	private final String configName;

	NotificationDriver(String configName) {
		this.configName = configName;
	}

	/** The name used in configuration, as in oslo: {@code messagingv2}, {@code messaging}, {@code noop}. */
	public String configName() {
		return this.configName;
	}

	/**
	 * The driver for a configuration name, case-insensitively.
	 * @throws IllegalArgumentException naming the allowed values
	 */
	public static NotificationDriver fromName(String name) {
		String wanted = name.trim().toLowerCase(Locale.ROOT);
		for (NotificationDriver driver : values()) {
			if (driver.configName.equals(wanted)) {
				return driver;
			}
		}
		throw new IllegalArgumentException("Unknown notification driver '" + name + "': use one of "
				+ Arrays.stream(values()).map(NotificationDriver::configName).collect(Collectors.joining(", ")));
	}

}
