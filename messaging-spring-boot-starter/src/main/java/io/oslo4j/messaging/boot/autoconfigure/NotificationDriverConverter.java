package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.notify.NotificationDriver;

import org.springframework.core.convert.converter.Converter;

/**
 * Reads {@code messaging.notification.driver} by oslo's names ({@code messagingv2}, not the
 * constant's), so that an unknown name fails start-up with a message that lists the allowed ones.
 */
final class NotificationDriverConverter implements Converter<String, NotificationDriver> {

	@Override
	public NotificationDriver convert(String source) {
		return NotificationDriver.fromName(source);
	}

}
