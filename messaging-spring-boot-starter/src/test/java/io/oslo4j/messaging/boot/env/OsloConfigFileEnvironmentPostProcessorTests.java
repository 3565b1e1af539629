package io.oslo4j.messaging.boot.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.oslo4j.messaging.boot.autoconfigure.MessagingAutoConfiguration;
import io.oslo4j.messaging.boot.autoconfigure.MessagingProperties;
import io.oslo4j.messaging.boot.autoconfigure.NotificationAutoConfiguration;
import io.oslo4j.messaging.boot.autoconfigure.NotificationTransport;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.notify.NotificationDriver;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.options.InvalidOptionException;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.transport.rabbit.RabbitDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ResourceUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** An OpenStack service's own configuration file, read as oslo.config reads it, under the messaging.* properties. */
class OsloConfigFileEnvironmentPostProcessorTests {

	private final OsloConfigFileEnvironmentPostProcessor processor = new OsloConfigFileEnvironmentPostProcessor();

	@TempDir
	Path directory;

	private static String resource(String name) throws IOException {
		return ResourceUtils.getFile("classpath:oslo/" + name).getAbsolutePath();
	}

	private ConfigurableEnvironment process(String... properties) {
		ConfigurableEnvironment environment = new StandardEnvironment();
		TestPropertyValues.of(properties).applyTo(environment);
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	private Path write(String name, String... lines) throws IOException {
		return Files.write(this.directory.resolve(name), List.of(lines));
	}

	@Test
	void shouldReadTheMessagingOptionsOfAKollaNovaConfUnderTheirProperties() throws IOException {
		ConfigurableEnvironment environment = process("messaging.oslo-config-file=" + resource("nova.conf"));
		assertThat(environment.getProperty("messaging.transport-url"))
			.isEqualTo("rabbit://openstack:s3cr#t@host1:5672,openstack:s3cr#t@host2:5672//");
		assertThat(environment.getProperty("messaging.control-exchange")).isEqualTo("nova");
		assertThat(environment.getProperty("messaging.rpc-response-timeout")).isEqualTo("120");
		assertThat(environment.getProperty("messaging.executor-thread-pool-size")).isEqualTo("32");
		assertThat(environment.getProperty("messaging.rpc-ping-enabled")).isEqualTo("True");
		assertThat(environment.getProperty("messaging.rabbit.rabbit-quorum-queue")).isEqualTo("true");
		assertThat(environment.getProperty("messaging.rabbit.rabbit-transient-quorum-queue")).isEqualTo("true");
		assertThat(environment.getProperty("messaging.rabbit.rabbit-stream-fanout")).isEqualTo("true");
		assertThat(environment.getProperty("messaging.rabbit.use-queue-manager")).isEqualTo("true");
		assertThat(environment.getProperty("messaging.rabbit.rabbit-qos-prefetch-count")).isEqualTo("1");
		assertThat(environment.getProperty("messaging.rabbit.heartbeat-in-pthread")).isEqualTo("false");
		assertThat(environment.getProperty("messaging.notification.transport-url"))
			.isEqualTo("rabbit://openstack:n0tif@notif1:5672//");
		assertThat(environment.getProperty("messaging.notification.driver")).isEqualTo("messagingv2");
		assertThat(environment.getProperty("messaging.notification.topics")).isEqualTo("notifications,\nnotifications_designate");
	}

	@Test
	void shouldIgnoreOtherLibrariesOptionsAndOtherSections() throws IOException {
		ConfigurableEnvironment environment = process("messaging.oslo-config-file=" + resource("nova.conf"));
		assertThat(environment.getPropertySources().get(OsloConfigFileEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.satisfies((source) -> assertThat(((org.springframework.core.env.EnumerablePropertySource<?>) source)
				.getPropertyNames()).allMatch((name) -> name.startsWith("messaging."))
				.noneMatch((name) -> name.contains("debug") || name.contains("future") || name.contains("workers")));
	}

	@Test
	void shouldLetLaterFilesWinAndGatherTheMultiValuedDriverOfEveryFile() throws IOException {
		ConfigurableEnvironment environment = process(
				"messaging.oslo-config-file=" + resource("nova.conf") + "," + resource("override.conf"));
		assertThat(environment.getProperty("messaging.rabbit.rabbit-qos-prefetch-count")).isEqualTo("10");
		assertThat(environment.getProperty("messaging.rabbit.rabbit-quorum-queue")).isEqualTo("true");
		assertThat(environment.getProperty("messaging.notification.driver")).isEqualTo("messagingv2,messaging");
	}

	@Test
	void shouldTakeTheLastValueOfASingleValuedOptionGivenTwiceInOneFile() throws IOException {
		Path file = write("twice.conf", "[oslo_messaging_rabbit]", "rabbit_qos_prefetch_count = 1",
				"rabbit_qos_prefetch_count = 5");
		assertThat(process("messaging.oslo-config-file=" + file).getProperty("messaging.rabbit.rabbit-qos-prefetch-count"))
			.isEqualTo("5");
	}

	@Test
	void shouldReadAnOptionUnderTheDeprecatedNameOf1403() throws IOException {
		Path file = write("old.conf", "[oslo_messaging_rabbit]", "rabbit_quroum_max_memory_length = 100");
		assertThat(process("messaging.oslo-config-file=" + file)
			.getProperty("messaging.rabbit.rabbit-quorum-max-memory-length")).isEqualTo("100");
	}

	@Test
	void shouldLetAnExplicitPropertyWinOverTheFile() throws IOException {
		ConfigurableEnvironment environment = process("messaging.oslo-config-file=" + resource("nova.conf"),
				"messaging.rabbit.rabbit-qos-prefetch-count=50");
		assertThat(environment.getProperty("messaging.rabbit.rabbit-qos-prefetch-count")).isEqualTo("50");
	}

	@Test
	void shouldReadTheRoutingDriverAndItsRoutingConfigAsAServiceConfiguresThem() throws IOException {
		Path file = write("routing.conf", "[oslo_messaging_notifications]", "driver = routing",
				"routing_config = /etc/nova/routing.yaml");
		ConfigurableEnvironment environment = process("messaging.oslo-config-file=" + file);
		assertThat(environment.getProperty("messaging.notification.driver")).isEqualTo("routing");
		assertThat(environment.getProperty("messaging.notification.routing-config")).isEqualTo("/etc/nova/routing.yaml");
	}

	@Test
	void shouldSendNoNotificationAsOsloWhenNoFileSetsADriver() throws IOException {
		Path file = write("quiet.conf", "[DEFAULT]", "transport_url = fake://");
		assertThat(process("messaging.oslo-config-file=" + file).getProperty("messaging.notification.driver"))
			.isEqualTo("noop");
	}

	@Test
	void shouldFailNamingTheOptionValueFileAndLineWhenOsloWouldRefuseTheValue() throws IOException {
		Path file = write("bad.conf", "[DEFAULT]", "", "[oslo_messaging_rabbit]", "rabbit_qos_prefetch_count = many");
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> process("messaging.oslo-config-file=" + file))
			.withMessageContaining("rabbit_qos_prefetch_count=many")
			.withMessageContaining("expected an integer")
			.withMessageContaining(file + ", line 4");
	}

	@Test
	void shouldAddNothingWhenNoFileIsNamed() {
		assertThat(process().getPropertySources().contains(OsloConfigFileEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void shouldConfigureTheAutoConfigurationFromTheKollaFile() throws IOException {
		String file = resource("nova.conf");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, NotificationAutoConfiguration.class))
			.withPropertyValues("messaging.oslo-config-file=" + file,
					// the file's brokers do not exist here: explicit properties win
					"messaging.transport-url=" + TestUrls.uniqueFakeUrl(),
					"messaging.notification.transport-url=" + TestUrls.uniqueFakeUrl())
			.withInitializer((context) -> this.processor.postProcessEnvironment(context.getEnvironment(),
					new SpringApplication()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MessagingProperties properties = context.getBean(MessagingProperties.class);
				assertThat(properties.getRabbit().getRabbitStreamFanout()).isTrue();
				assertThat(properties.getRabbit().getRabbitQosPrefetchCount()).isEqualTo(1);
				assertThat(properties.getNotification().getTopics()).containsExactly("notifications",
						"notifications_designate");
				assertThat(context.getBean(RpcClient.class).timeout()).isEqualTo(Duration.ofSeconds(120));
				assertThat(context.getBean(Notifier.class).drivers()).containsExactly(NotificationDriver.MESSAGING_V2);
				assertThat(context.getBean(MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME,
						org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor.class).getMaxPoolSize())
					.isEqualTo(32);
				assertThat(context.getBean(io.oslo4j.messaging.transport.Transport.class).driver().controlExchange())
					.isEqualTo("nova");
			});
	}

	@Test
	void shouldOpenTheFilesRabbitTransportsWithItsOptionsAsTheServiceItself() throws IOException {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, NotificationAutoConfiguration.class))
			.withPropertyValues("messaging.oslo-config-file=" + resource("nova.conf"))
			.withInitializer((context) -> this.processor.postProcessEnvironment(context.getEnvironment(),
					new SpringApplication()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RabbitDriver rpc = (RabbitDriver) context.getBean(io.oslo4j.messaging.transport.Transport.class).driver();
				assertThat(rpc.options().streamFanout()).isTrue();
				assertThat(rpc.options().transientQuorumQueue()).isTrue();
				assertThat(rpc.options().useQueueManager()).isTrue();
				assertThat(rpc.controlExchange()).isEqualTo("nova");
				NotificationTransport notifications = context.getBean(NotificationTransport.class);
				assertThat(notifications.isSeparate()).isTrue();
				assertThat(((RabbitDriver) notifications.transport().driver()).options().quorumQueue()).isTrue();
			});
	}

	@Test
	void shouldBeRegisteredSoThatASpringApplicationReadsTheFile() throws IOException {
		Path file = write("app.conf", "[DEFAULT]", "transport_url = " + TestUrls.uniqueFakeUrl(), "control_exchange = glance");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EmptyConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("messaging.oslo-config-file=" + file, "spring.main.banner-mode=off")
			.run()) {
			assertThat(context.getEnvironment().getProperty("messaging.control-exchange")).isEqualTo("glance");
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void shouldReportAValueOsloRefusesAsAFailureAnalysisNamingFileLineAndProperty(CapturedOutput output)
			throws IOException {
		Path file = write("refused.conf", "[oslo_messaging_rabbit]", "rabbit_qos_prefetch_count = -5");
		SpringApplicationBuilder application = new SpringApplicationBuilder(EmptyConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("messaging.oslo-config-file=" + file, "spring.main.banner-mode=off");
		assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("rabbit_qos_prefetch_count=-5': must be at least 0")
			.contains(file + ", line 2")
			.contains("messaging.rabbit.rabbit-qos-prefetch-count");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void shouldReportAMissingFileAsAFailureAnalysis(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(EmptyConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("messaging.oslo-config-file=/nonexistent/nova.conf", "spring.main.banner-mode=off");
		assertThatExceptionOfType(OsloConfigFileException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START").contains("/nonexistent/nova.conf (messaging.oslo-config-file) does not exist")
			.contains("messaging.oslo-config-file");
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
