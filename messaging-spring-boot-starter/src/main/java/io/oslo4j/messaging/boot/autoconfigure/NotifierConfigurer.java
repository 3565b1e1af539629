package io.oslo4j.messaging.boot.autoconfigure;

import java.util.List;

import io.oslo4j.messaging.notify.NotificationDriver;
import io.oslo4j.messaging.notify.Notifier;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Configures a {@link Notifier.Builder} as the auto-configuration configures its own notifier:
 * the publisher id, the topics, the drivers with the {@code routing} driver's configuration, and
 * the retry of {@code messaging.notification.*}. An application that defines its own
 * {@code Notifier} injects this bean and keeps the properties:
 *
 * <pre class="code">
 * &#64;Bean
 * Notifier auditNotifier(NotificationTransport transport, NotifierConfigurer configurer) {
 *     return configurer.configure(Notifier.builder(transport.transport())).publisherId("audit.host1").build();
 * }
 * </pre>
 *
 * @since 0.2
 */
public class NotifierConfigurer {

	private final MessagingProperties properties;

	private final ResourceLoader resourceLoader;

	/**
	 * Creates a configurer of the given properties.
	 * @param properties the properties to apply
	 * @param resourceLoader where {@code messaging.notification.routing-config} is read from
	 */
	public NotifierConfigurer(MessagingProperties properties, ResourceLoader resourceLoader) {
		this.properties = properties;
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Applies the publisher id (the property, or {@code <server topic>.<server name>} as OpenStack
	 * services name theirs), the topics, the drivers and the retry to the builder, which the caller
	 * may tune further; with the {@code routing} driver, the routing configuration too.
	 * @param builder the builder to configure
	 * @return the builder
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * for a retry oslo refuses, or a routing configuration that is missing or cannot be read
	 */
	public Notifier.Builder configure(Notifier.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		MessagingProperties.Notification notification = this.properties.getNotification();
		List<NotificationDriver> drivers = notification.getDriver();
		builder.publisherId(publisherId());
		map.from(notification::getTopics).to(builder::topics);
		map.from(drivers).to(builder::drivers);
		map.from(() -> OsloSettings.notificationRetry(this.properties)).to(builder::retry);
		if (drivers.contains(NotificationDriver.ROUTING)) {
			builder.routing(RoutingConfigFile.load(this.properties, this.resourceLoader));
		}
		return builder;
	}

	private String publisherId() {
		String configured = this.properties.getNotification().getPublisherId();
		if (StringUtils.hasText(configured)) {
			return configured;
		}
		MessagingProperties.Server server = this.properties.getServer();
		String topic = StringUtils.hasText(server.getTopic()) ? server.getTopic() : "oslo4j";
		return topic + "." + ServerName.of(server);
	}

}
