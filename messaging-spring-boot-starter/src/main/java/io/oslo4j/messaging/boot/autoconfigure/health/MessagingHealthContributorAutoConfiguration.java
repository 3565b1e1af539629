package io.oslo4j.messaging.boot.autoconfigure.health;

import io.oslo4j.messaging.boot.autoconfigure.MessagingAutoConfiguration;
import io.oslo4j.messaging.boot.autoconfigure.NotificationAutoConfiguration;
import io.oslo4j.messaging.boot.health.MessagingHealthIndicator;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code messaging} health indicator, when Spring Boot's health support
 * is on the classpath; {@code management.health.messaging.enabled=false} turns it off.
 *
 * @since 0.1
 */
@AutoConfiguration(after = { MessagingAutoConfiguration.class, NotificationAutoConfiguration.class })
@ConditionalOnClass({ AbstractHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Transport.class)
@ConditionalOnEnabledHealthIndicator("messaging")
public final class MessagingHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "messagingHealthIndicator", "messagingHealthContributor" })
	MessagingHealthIndicator messagingHealthIndicator(Transport transport, ObjectProvider<RpcServer> servers,
			ObjectProvider<NotificationListener> listeners) {
		return new MessagingHealthIndicator(transport, servers.orderedStream().toList(),
				listeners.orderedStream().toList());
	}

}
