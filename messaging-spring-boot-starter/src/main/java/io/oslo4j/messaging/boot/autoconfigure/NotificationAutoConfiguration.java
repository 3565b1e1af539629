package io.oslo4j.messaging.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.notify.NotificationEndpoint;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.transport.Transport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of notifications: a {@link Notifier} on the {@link NotificationTransport} (the
 * messaging transport, unless {@code messaging.notification.transport-url} names another), and a
 * {@link NotificationListener} serving every {@link NotificationEndpoint @NotificationEndpoint}
 * bean on the {@code messaging.notification.topics}, started and stopped with the context (as every
 * server bean is, see {@link MessagingAutoConfiguration}). The
 * {@link NotifierConfigurer} and {@link NotificationListenerConfigurer} apply the properties, to
 * these beans and to those an application builds itself.
 *
 * @since 0.1
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnBean(Transport.class)
public final class NotificationAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	NotificationTransport messagingNotificationTransport(Transport transport, MessagingProperties properties,
			ObjectProvider<TransportCustomizer> customizers) {
		String url = properties.getNotification().getTransportUrl();
		if (!StringUtils.hasText(url)) {
			return NotificationTransport.shared(transport);
		}
		// oslo's notification transport reads the same [oslo_messaging_rabbit] options as RPC's.
		return NotificationTransport.own(TransportOptions.of(properties, customizers).open(url.trim()));
	}

	@Bean
	@ConditionalOnMissingBean
	NotifierConfigurer notifierConfigurer(MessagingProperties properties, ResourceLoader resourceLoader) {
		return new NotifierConfigurer(properties, resourceLoader);
	}

	@Bean
	@ConditionalOnMissingBean
	Notifier notifier(NotificationTransport transport, NotifierConfigurer configurer,
			ObjectProvider<NotifierCustomizer> customizers) {
		Notifier.Builder builder = configurer.configure(Notifier.builder(transport.transport()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	NotificationListenerConfigurer notificationListenerConfigurer(MessagingProperties properties,
			MessagingExecutor executor) {
		return new NotificationListenerConfigurer(properties, executor);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(annotation = NotificationEndpoint.class)
	static class ListenerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NotificationListener notificationListener(NotificationTransport transport,
				NotificationListenerConfigurer configurer, ApplicationContext context,
				ObjectProvider<NotificationListenerCustomizer> customizers) {
			List<Object> endpoints = new ArrayList<>(context.getBeansWithAnnotation(NotificationEndpoint.class).values());
			AnnotationAwareOrderComparator.sort(endpoints);
			NotificationListener.Builder builder = configurer.configure(NotificationListener.builder(transport.transport()))
				.endpoints(endpoints);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

	}

}
