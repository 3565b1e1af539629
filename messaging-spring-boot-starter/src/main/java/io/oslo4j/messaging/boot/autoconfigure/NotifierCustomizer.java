package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.notify.Notifier;

/**
 * Callback to customize the auto-configured {@link Notifier}: a clock, a serializer, a routing
 * configuration built in code. Customizers run in order, after the
 * {@code messaging.notification.*} properties were applied by the {@link NotifierConfigurer}.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface NotifierCustomizer {

	/**
	 * Customizes the builder of the notifier.
	 * @param builder the builder, with the publisher id, topics, drivers and retry already set
	 */
	void customize(Notifier.Builder builder);

}
