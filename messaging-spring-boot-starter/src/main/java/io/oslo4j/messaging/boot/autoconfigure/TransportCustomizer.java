package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.transport.Transport;

/**
 * Callback to customize how the auto-configured {@link Transport} is opened, and the
 * notification transport when {@code messaging.notification.transport-url} gives it one of its
 * own: oslo options set in code, limits on what is read from the wire. Customizers run in order,
 * after the {@code messaging.*} properties were read into the options.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface TransportCustomizer {

	/**
	 * Customizes the options the transport is opened with.
	 * @param options the oslo options of the {@code messaging.*} properties, and the wire limits
	 */
	void customize(TransportOptions options);

}
