package io.oslo4j.messaging.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a {@link Notifier} sends: oslo's notification drivers. {@code messagingv2} and
 * {@code messaging} publish to the broker; {@code log} writes each notification as JSON to a
 * logger, {@code test} keeps it in memory ({@link RecordedNotifications}), {@code routing} hands it
 * to the drivers its {@link RoutingConfig} selects by event type and priority, and {@code noop}
 * drops it.
 *
 * @since 0.1
 */
public enum NotificationDriver {

	/** {@code messagingv2}: the message inside the oslo 2.0 envelope. The normal choice, and the default. */
	MESSAGING_V2("messagingv2"),

	/** {@code messaging}: the legacy 1.0 format, the message itself as the body, unenveloped. */
	MESSAGING("messaging"),

	/** {@code noop}: sends nothing. */
	NOOP("noop"),

	/**
	 * {@code log}: each notification, as JSON with secrets masked, logged on logger
	 * {@code oslo.messaging.notification.<event_type>} at the priority's level, as oslo's
	 * {@code LogDriver} does. {@code critical} is logged at ERROR (SLF4J has no higher level);
	 * {@code audit} and {@code sample} have no logging level, so they are not logged and a warning
	 * says so, as oslo warns.
	 * @since 0.2
	 */
	LOG("log"),

	/**
	 * {@code test}: each notification kept in memory, in {@link RecordedNotifications}, for tests
	 * to read, as oslo's {@code TestDriver} keeps its {@code NOTIFICATIONS}.
	 * @since 0.2
	 */
	TEST("test"),

	/**
	 * {@code routing}: each notification handed to the drivers that a {@link RoutingConfig} selects
	 * for its event type and priority, as oslo's {@code RoutingDriver} reads {@code routing_config};
	 * a notifier with this driver needs {@link Notifier.Builder#routing(RoutingConfig)}.
	 * @since 0.2
	 */
	ROUTING("routing");

	private final String configName;

	NotificationDriver(String configName) {
		this.configName = configName;
	}

	/** The name used in configuration, as in oslo: {@code messagingv2}, {@code messaging}, {@code noop}, {@code log}, {@code test}, {@code routing}. */
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
