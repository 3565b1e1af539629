package io.oslo4j.messaging.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.boot.MessagingServerLifecycle;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.notify.NotificationDriver;
import io.oslo4j.messaging.notify.NotificationEndpoint;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.transport.Transport;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of notifications: a {@link Notifier} on the {@link NotificationTransport} (the
 * messaging transport, unless {@code messaging.notification.transport-url} names another), and a
 * {@link NotificationListener} serving every {@link NotificationEndpoint @NotificationEndpoint}
 * bean on the {@code messaging.notification.topics}, started and stopped with the context.
 *
 * @since 0.1
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnBean(Transport.class)
public final class NotificationAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	NotificationTransport messagingNotificationTransport(Transport transport, MessagingProperties properties) {
		String url = properties.getNotification().getTransportUrl();
		if (!StringUtils.hasText(url)) {
			return NotificationTransport.shared(transport);
		}
		// oslo's notification transport reads the same [oslo_messaging_rabbit] options as RPC's.
		return NotificationTransport.own(Transport.open(TransportOptions.of(properties).applyTo(url.trim())));
	}

	@Bean
	@ConditionalOnMissingBean
	Notifier notifier(NotificationTransport transport, MessagingProperties properties, ResourceLoader resources) {
		MessagingProperties.Notification notification = properties.getNotification();
		List<NotificationDriver> drivers = OsloSettings.notificationDrivers(properties);
		Notifier.Builder builder = Notifier.builder(transport.transport())
			.publisherId(publisherId(properties))
			.topics(notification.getTopics())
			.drivers(drivers)
			.retry(OsloSettings.notificationRetry(properties));
		if (drivers.contains(NotificationDriver.ROUTING)) {
			builder.routing(RoutingConfigFile.load(properties, resources));
		}
		return builder.build();
	}

	/** The publisher id: the property, or {@code <server topic>.<server name>} as OpenStack services use. */
	private static String publisherId(MessagingProperties properties) {
		String configured = properties.getNotification().getPublisherId();
		if (StringUtils.hasText(configured)) {
			return configured;
		}
		MessagingProperties.Server server = properties.getServer();
		String topic = StringUtils.hasText(server.getTopic()) ? server.getTopic() : "oslo4j";
		return topic + "." + MessagingAutoConfiguration.ServerConfiguration.serverName(server);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(annotation = NotificationEndpoint.class)
	static class ListenerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NotificationListener notificationListener(NotificationTransport transport, MessagingExecutor executor,
				MessagingProperties properties, ApplicationContext context) {
			MessagingProperties.Notification notification = properties.getNotification();
			List<Object> endpoints = new ArrayList<>(context.getBeansWithAnnotation(NotificationEndpoint.class).values());
			AnnotationAwareOrderComparator.sort(endpoints);
			List<Target> targets = notification.getTopics().stream().map(Target::topic).toList();
			return NotificationListener.builder(transport.transport())
				.targets(targets)
				.endpoints(endpoints)
				.executor(executor)
				.pool(StringUtils.hasText(notification.getPool()) ? notification.getPool() : null)
				.allowRequeue(notification.isAllowRequeue())
				// oslo's notification listeners are servers too: executor_thread_pool_size bounds them.
				.maxInFlight(OsloSettings.executorThreadPoolSize(properties))
				.build();
		}

		@Bean
		@ConditionalOnMissingBean(name = "notificationListenerLifecycle")
		MessagingServerLifecycle notificationListenerLifecycle(NotificationListener notificationListener,
				Environment environment) {
			return new MessagingServerLifecycle(notificationListener,
					MessagingAutoConfiguration.shutdownTimeout(environment));
		}

	}

}
