package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.notify.NotificationListener;

/**
 * Callback to customize the auto-configured {@link NotificationListener}: more endpoints, a filter,
 * batches, a serializer. Customizers run in order, after the {@code messaging.notification.*}
 * properties were applied by the {@link NotificationListenerConfigurer}.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface NotificationListenerCustomizer {

	/**
	 * Customizes the builder of the listener.
	 * @param builder the builder, with the targets, endpoints, executor and bound already set
	 */
	void customize(NotificationListener.Builder builder);

}
