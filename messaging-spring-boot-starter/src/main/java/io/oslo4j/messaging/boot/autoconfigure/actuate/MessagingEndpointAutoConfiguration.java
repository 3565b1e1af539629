package io.oslo4j.messaging.boot.autoconfigure.actuate;

import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationHandler;
import io.oslo4j.messaging.MessagingServer;
import io.oslo4j.messaging.boot.actuate.MessagingEndpoint;
import io.oslo4j.messaging.boot.actuate.MethodStatistics;
import io.oslo4j.messaging.boot.autoconfigure.MessagingAutoConfiguration;
import io.oslo4j.messaging.boot.autoconfigure.NotificationAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code messaging} Actuator endpoint ({@code /actuator/messaging} once
 * exposed, as any endpoint: {@code management.endpoints.web.exposure.include=messaging}), when
 * Actuator is on the class path. With Micrometer's core and an {@code ObservationRegistry}, a
 * {@link MethodStatistics} handler gives it calls, errors and latency of every RPC method.
 *
 * @since 0.2
 */
@AutoConfiguration(after = { MessagingAutoConfiguration.class, NotificationAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, MessagingServer.class })
@ConditionalOnAvailableEndpoint(MessagingEndpoint.class)
public final class MessagingEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MessagingEndpoint messagingEndpoint(ObjectProvider<MessagingServer> servers,
			ObjectProvider<MethodStatistics> statistics) {
		return new MessagingEndpoint(() -> servers.orderedStream().toList(), statistics.getIfUnique());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ObservationHandler.class, Timer.class })
	static class StatisticsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MethodStatistics messagingMethodStatistics(ObjectProvider<MessagingServer> servers) {
			return new MethodStatistics(() -> servers.orderedStream().toList());
		}

	}

}
