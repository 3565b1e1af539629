package io.oslo4j.messaging.boot.autoconfigure.health;

import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.boot.autoconfigure.MessagingAutoConfiguration;
import io.oslo4j.messaging.boot.autoconfigure.NotificationAutoConfiguration;
import io.oslo4j.messaging.boot.health.MessagingHealthIndicator;
import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.StubDriver;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.notify.NotificationEndpoint;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MessagingAutoConfiguration.class, MessagingHealthContributorAutoConfiguration.class));

	@Test
	void shouldReportUpWithTheServerInFlightWhenServingOnAConnectedTransport() {
		this.contextRunner.withBean(ComputeEndpoint.class)
			.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(), "messaging.server.topic=compute",
					"messaging.server.name=c1", "messaging.executor=greenio")
			.run((context) -> {
				Health health = context.getBean(MessagingHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("transport",
						Map.of("connected", true, "controlExchange", "openstack"));
				assertThat(health.getDetails()).extractingByKey("servers")
					.isEqualTo(Map.of("compute.c1", Map.of("topic", "compute", "server", "c1", "executor", "greenio",
							"running", true, "consuming", true, "inFlight", 0)));
			});
	}

	@Test
	void shouldReportEachNotificationListenerWithItsTopicsAndInFlightCount() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, NotificationAutoConfiguration.class,
					MessagingHealthContributorAutoConfiguration.class))
			.withBean(InstanceEvents.class)
			.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(),
					"messaging.notification.topics=notifications,audit")
			.run((context) -> {
				Health health = context.getBean(MessagingHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).extractingByKey("listeners")
					.isEqualTo(Map.of("notifications,audit", Map.of("topics", List.of("notifications", "audit"), "running",
							true, "consuming", true, "inFlight", 0)));
			});
	}

	@NotificationEndpoint
	static class InstanceEvents {

		public void info(String eventType) {
		}

	}

	@Test
	void shouldReportUpWithoutServersWhenTheApplicationServesNothing() {
		this.contextRunner.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl()).run((context) -> {
			Health health = context.getBean(MessagingHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("servers");
		});
	}

	@Test
	void shouldReportDownWhenTheTransportIsNotConnected() {
		StubDriver driver = new StubDriver(false, true);
		this.contextRunner.withBean(Transport.class, () -> Transport.of(driver))
			.run((context) -> assertThat(context.getBean(MessagingHealthIndicator.class).health().getStatus())
				.isEqualTo(Status.DOWN));
	}

	@Test
	void shouldReportDownAndWhyWhenTheBrokerBlocksTheConnection() {
		StubDriver driver = new StubDriver(true, true);
		this.contextRunner.withBean(Transport.class, () -> Transport.of(driver)).run((context) -> {
			HealthIndicator indicator = context.getBean(MessagingHealthIndicator.class);
			driver.setBlockedReason("low on memory");
			Health blocked = indicator.health(true);
			assertThat(blocked.getStatus()).isEqualTo(Status.DOWN);
			assertThat(blocked.getDetails()).extractingByKey("transport")
				.isEqualTo(Map.of("connected", true, "controlExchange", "openstack", "blocked", "low on memory"));
			driver.setBlockedReason(null);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void shouldReportDownWhenARunningServerIsNotConsuming() {
		StubDriver driver = new StubDriver(true, true);
		this.contextRunner.withBean(Transport.class, () -> Transport.of(driver))
			.withBean(ComputeEndpoint.class)
			.withPropertyValues("messaging.server.topic=compute")
			.run((context) -> {
				HealthIndicator indicator = context.getBean(MessagingHealthIndicator.class);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
				driver.setConsuming(false);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void shouldNotContributeWhenTheHealthIndicatorIsDisabled() {
		this.contextRunner
			.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(),
					"management.health.messaging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MessagingHealthIndicator.class));
	}

	@Test
	void shouldNotContributeWhenSpringBootHealthIsNotOnTheClasspath() {
		this.contextRunner.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl())
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health.contributor"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MessagingHealthIndicator.class));
	}

	@Test
	void shouldBackOffWhenTheApplicationDefinesAMessagingHealthIndicator() {
		this.contextRunner.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl())
			.withBean("messagingHealthIndicator", HealthIndicator.class, () -> () -> Health.unknown().build())
			.run((context) -> assertThat(context).doesNotHaveBean(MessagingHealthIndicator.class)
				.hasBean("messagingHealthIndicator"));
	}

}
