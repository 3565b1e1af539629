package io.oslo4j.messaging.boot.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An option copied from nova.conf under oslo's own spelling binds from an application's YAML and
 * .properties files, by Boot's relaxed binding.
 */
class OsloNamesInConfigurationFilesTests {

	@Test
	void shouldBindOslosUnderscoreNamesFromYamlAndPropertiesFiles() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PropertiesConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("spring.config.location=classpath:/oslo/underscores.yml,classpath:/oslo/underscores.properties",
					"spring.main.banner-mode=off")
			.run()) {
			MessagingProperties properties = context.getBean(MessagingProperties.class);
			assertThat(properties.getRpcResponseTimeout()).isEqualTo(Duration.ofSeconds(90));
			assertThat(properties.getExecutorThreadPoolSize()).isEqualTo(16);
			assertThat(properties.getNotification().getRetry()).isEqualTo(3);
			assertThat(properties.getRabbit().getKombuReconnectDelay()).isEqualByComparingTo(new BigDecimal("2.5"));
			assertThat(TransportOptions.of(properties).all()).containsEntry("rabbit_quorum_queue", "true")
				.containsEntry("rabbit_qos_prefetch_count", "10")
				.containsEntry("rabbit_transient_quorum_queue", "true")
				.containsEntry("heartbeat_timeout_threshold", "30")
				.containsEntry("kombu_reconnect_delay", "2.5")
				.hasSize(5);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MessagingProperties.class)
	static class PropertiesConfiguration {

	}

}
