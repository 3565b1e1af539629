package io.oslo4j.messaging.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code log} driver: logs a notification's message as JSON, secrets masked, on logger
 * {@code oslo.messaging.notification.<event_type>} at the priority's level, as oslo's
 * {@code LogDriver} does. A priority without a logging level ({@code audit}, {@code sample}) is
 * not logged; a warning says so, as oslo warns.
 */
final class NotificationLog {

	/** oslo's {@code LogDriver.LOGGER_BASE}, kept so that logging configurations written for oslo apply. */
	static final String LOGGER_BASE = "oslo.messaging.notification";

	private static final Logger logger = LoggerFactory.getLogger(NotificationLog.class);

	private NotificationLog() {
	}

	static void log(ObjectNode message, Priority priority, String eventType) {
		Logger target = LoggerFactory.getLogger(LOGGER_BASE + "." + eventType);
		String json = SecretMask.mask(message).toString();
		switch (priority) {
			case DEBUG -> target.debug(json);
			case INFO -> target.info(json);
			case WARN -> target.warn(json);
			case ERROR, CRITICAL -> target.error(json);
			case AUDIT, SAMPLE -> logger.warn("Unable to log notification {}: the log driver has no logging level for "
					+ "priority {}, as in oslo; send it with another driver, or at another priority", eventType,
					priority.routingName());
		}
	}

}
