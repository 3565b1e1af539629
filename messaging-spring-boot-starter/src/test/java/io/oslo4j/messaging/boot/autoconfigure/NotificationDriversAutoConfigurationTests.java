package io.oslo4j.messaging.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.boot.testsupport.FailureAnalyses;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.notify.NotificationDriver;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.notify.RecordedNotification;
import io.oslo4j.messaging.notify.RecordedNotifications;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The notification drivers that do not publish, chosen as oslo chooses them: {@code driver} and {@code routing_config}. */
class NotificationDriversAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, NotificationAutoConfiguration.class))
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl());

	@BeforeEach
	void forgetRecordedNotifications() {
		RecordedNotifications.reset();
	}

	@Test
	void shouldKeepNotificationsInMemoryWithTheTestDriverBesideTheLogDriver() {
		this.contextRunner.withPropertyValues("messaging.notification.driver=test,log").run((context) -> {
			Notifier notifier = context.getBean(Notifier.class);
			assertThat(notifier.drivers()).containsExactly(NotificationDriver.TEST, NotificationDriver.LOG);
			notifier.info(RequestContext.empty(), "compute.instance.create.end", null);

			assertThat(RecordedNotifications.all()).extracting(RecordedNotification::eventType)
				.containsExactly("compute.instance.create.end");
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', value = { "messaging.notification.driver|test,kafka|kafka",
			"messaging.notification.driver[0]|carrier-pigeon|carrier-pigeon" })
	void shouldFailWithAnAnalysisNamingThePropertyTheValueAndTheDriversWhenADriverIsUnknown(String property,
			String value, String unknown) {
		this.contextRunner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = FailureAnalyses.of(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(property, unknown,
					"messagingv2, messaging, noop, log, test, routing");
		});
	}

	@Test
	void shouldRouteAsTheRoutingConfigurationOnTheClasspathSays() {
		this.contextRunner
			.withPropertyValues("messaging.notification.driver=routing",
					"messaging.notification.routing-config=classpath:notification-routing.yaml")
			.run((context) -> {
				Notifier notifier = context.getBean(Notifier.class);
				notifier.info(RequestContext.empty(), "compute.instance.create.end", null);
				notifier.info(RequestContext.empty(), "image.upload", null);

				assertThat(RecordedNotifications.all()).extracting(RecordedNotification::eventType)
					.containsExactly("compute.instance.create.end");
			});
	}

	@Test
	void shouldReadARoutingConfigurationGivenAsAPlainPathAsOsloDoes(@TempDir Path directory) throws IOException {
		Path file = Files.writeString(directory.resolve("routing.yaml"), "g:\n  test:\n");
		this.contextRunner
			.withPropertyValues("messaging.notification.driver=routing", "messaging.notification.routing-config=" + file)
			.run((context) -> {
				context.getBean(Notifier.class).sample(RequestContext.empty(), "anything", null);

				assertThat(RecordedNotifications.all()).hasSize(1);
			});
	}

	@Test
	void shouldFailNamingTheRoutingConfigPropertyWhenTheRoutingDriverHasNone() {
		this.contextRunner.withPropertyValues("messaging.notification.driver=routing").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("messaging.notification.routing-config")
				.hasMessageContaining("needs its YAML routing configuration");
		});
	}

	@Test
	void shouldFailNamingTheFileWhenTheRoutingConfigurationCannotBeReadOrUsed(@TempDir Path directory)
			throws IOException {
		Path missing = directory.resolve("missing.yaml");
		Path wrong = Files.writeString(directory.resolve("wrong.yaml"), "g:\n  kafka:\n    accepted_events: [x]\n");
		for (List<String> expected : List.of(List.of(missing.toString(), "cannot be read"),
				List.of(wrong.toString(), "driver 'kafka'"))) {
			this.contextRunner
				.withPropertyValues("messaging.notification.driver=routing",
						"messaging.notification.routing-config=" + expected.get(0))
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).rootCause()
						.isInstanceOf(InvalidConfigurationPropertyValueException.class)
						.hasMessageContaining(expected.get(0))
						.hasMessageContaining(expected.get(1));
				});
		}
	}

}
