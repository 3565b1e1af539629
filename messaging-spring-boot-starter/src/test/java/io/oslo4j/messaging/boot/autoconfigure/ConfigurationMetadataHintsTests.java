package io.oslo4j.messaging.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.notify.NotificationEndpoint;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE offers is true: every value the starter's configuration metadata offers for a
 * {@code messaging.*} property starts an application that serves RPC and listens to notifications.
 */
class ConfigurationMetadataHintsTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, NotificationAutoConfiguration.class))
		.withUserConfiguration(EndpointsConfiguration.class)
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(), "messaging.server.topic=compute",
				// What the routing driver needs; ignored by the others, as oslo ignores routing_config.
				"messaging.notification.routing-config=classpath:notification-routing.yaml");

	@ParameterizedTest(name = "{0}")
	@MethodSource("offeredValues")
	void shouldStartWithEveryValueTheMetadataOffers(String property) {
		this.contextRunner.withPropertyValues(property).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void shouldOfferTheExecutorsAndTheNotificationDriversThatWork() throws IOException {
		assertThat(offeredValues()).contains("messaging.executor=eventlet", "messaging.executor=greenio",
				"messaging.executor=reactive", "messaging.greenio.detect-blocking=true",
				"messaging.greenio.detect-blocking=fail",
				"messaging.notification.driver=messagingv2", "messaging.notification.driver=messaging",
				"messaging.notification.driver=noop", "messaging.notification.driver=log",
				"messaging.notification.driver=test", "messaging.notification.driver=routing");
	}

	@Test
	void shouldDescribeTheHealthIndicatorSwitch() throws IOException {
		assertThat(metadata().get("properties").valueStream().map((property) -> property.get("name").asString()))
			.contains("management.health.messaging.enabled");
	}

	/** {@code name=value} for every hint value of a {@code messaging.*} property. */
	static List<String> offeredValues() throws IOException {
		List<String> offered = new ArrayList<>();
		for (JsonNode hint : metadata().get("hints")) {
			String name = hint.get("name").asString();
			if (name.startsWith("messaging.")) {
				hint.get("values").forEach((value) -> offered.add(name + "=" + value.get("value").asString()));
			}
		}
		return offered;
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream json = ConfigurationMetadataHintsTests.class.getClassLoader().getResourceAsStream(METADATA)) {
			assertThat(json).as("the generated %s", METADATA).isNotNull();
			return JsonMapper.shared().readTree(json);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class EndpointsConfiguration {

		@Bean
		EchoEndpoint echoEndpoint() {
			return new EchoEndpoint();
		}

		@Bean
		EventsEndpoint eventsEndpoint() {
			return new EventsEndpoint();
		}

	}

	/** Reactive, so that every executor offered, reactive too, can serve it. */
	@RpcEndpoint
	static class EchoEndpoint {

		public Mono<String> echo(String value) {
			return Mono.just(value);
		}

	}

	@NotificationEndpoint
	static class EventsEndpoint {

		public Mono<Void> info(String eventType) {
			return Mono.empty();
		}

	}

}
