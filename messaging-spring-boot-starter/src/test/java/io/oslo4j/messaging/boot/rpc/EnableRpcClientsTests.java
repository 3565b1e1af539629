package io.oslo4j.messaging.boot.rpc;

import io.oslo4j.messaging.boot.autoconfigure.MessagingAutoConfiguration;
import io.oslo4j.messaging.boot.rpc.scan.NotAClient;
import io.oslo4j.messaging.boot.rpc.scan.ScannedComputeClient;
import io.oslo4j.messaging.boot.testsupport.ComputeClient;
import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class EnableRpcClientsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class))
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(), "messaging.server.topic=compute");

	@Test
	void shouldRegisterTheAnnotatedInterfacesOfTheScannedPackageWhenNoClientIsNamed() {
		this.contextRunner.withUserConfiguration(ScanningConfiguration.class).withBean(ComputeEndpoint.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ScannedComputeClient.class);
				assertThat(context).doesNotHaveBean(NotAClient.class);
				assertThat(context).doesNotHaveBean(ComputeClient.class);
				assertThat(context.getBean(ScannedComputeClient.class).count("abcd")).isEqualTo(4);
			});
	}

	@Test
	void shouldRegisterOnlyTheNamedInterfacesWhenClientsAreNamed() {
		this.contextRunner.withUserConfiguration(NamedClientsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ComputeClient.class);
			assertThat(context).doesNotHaveBean(ScannedComputeClient.class);
			assertThat(context.getBean(ComputeClient.class).toString()).contains("topic=compute");
		});
	}

	@Test
	void shouldResolvePlaceholdersOfTheInterfaceWhenRegisteredAsABean() {
		this.contextRunner.withUserConfiguration(NamedClientsConfiguration.class)
			.withPropertyValues("test.compute.topic=compute-cells")
			.run((context) -> assertThat(context.getBean(ComputeClient.class).toString()).contains("topic=compute-cells"));
	}

	@Test
	void shouldNameTheBeanAfterTheInterface() {
		this.contextRunner.withUserConfiguration(NamedClientsConfiguration.class)
			.run((context) -> assertThat(context.getBean(ComputeClient.class.getName())).isInstanceOf(ComputeClient.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableRpcClients(basePackageClasses = ScannedComputeClient.class)
	static class ScanningConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableRpcClients(clients = ComputeClient.class)
	static class NamedClientsConfiguration {

	}

}
