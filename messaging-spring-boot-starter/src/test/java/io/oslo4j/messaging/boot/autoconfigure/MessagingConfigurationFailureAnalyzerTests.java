package io.oslo4j.messaging.boot.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingConfigurationFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class));

	@Test
	void shouldExplainAMissingServerTopicAndHowToSetOneOrServeNone() {
		this.contextRunner.withUserConfiguration(EndpointConfiguration.class)
			.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl())
			.run((context) -> {
				FailureAnalysis analysis = new MessagingConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("@RpcEndpoint beans [computeEndpoint]",
						"messaging.server.topic is not set");
				assertThat(analysis.getAction()).contains("set messaging.server.topic", "messaging.server.enabled=false");
			});
	}

	@Test
	void shouldExplainAMissingTransportAndHowToConfigureOne() {
		this.contextRunner.run((context) -> {
			FailureAnalysis analysis = new MessagingConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("messaging.transport-url is not set");
			assertThat(analysis.getAction()).contains("set messaging.transport-url", "ConnectionFactory bean");
		});
	}

	@Test
	void shouldBeOneOfTheFailureAnalyzersSpringBootRuns() throws IOException {
		List<String> registered = new ArrayList<>();
		Enumeration<URL> factories = getClass().getClassLoader().getResources("META-INF/spring.factories");
		while (factories.hasMoreElements()) {
			Properties properties = PropertiesLoaderUtils.loadProperties(new UrlResource(factories.nextElement()));
			String analyzers = properties.getProperty(FailureAnalyzer.class.getName(), "");
			registered.addAll(StringUtils.commaDelimitedListToSet(analyzers).stream().map(String::strip).toList());
		}
		assertThat(registered).contains(MessagingConfigurationFailureAnalyzer.class.getName());
	}

	@Configuration(proxyBeanMethods = false)
	static class EndpointConfiguration {

		@Bean
		ComputeEndpoint computeEndpoint() {
			return new ComputeEndpoint();
		}

	}

}
