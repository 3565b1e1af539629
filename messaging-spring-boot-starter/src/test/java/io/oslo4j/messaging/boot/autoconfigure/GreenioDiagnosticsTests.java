package io.oslo4j.messaging.boot.autoconfigure;

import java.util.Map;

import ch.qos.logback.classic.Level;
import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.boot.actuate.MessagingEndpoint;
import io.oslo4j.messaging.boot.autoconfigure.actuate.MessagingEndpointAutoConfiguration;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import io.oslo4j.messaging.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** {@code messaging.greenio.*}: slow callbacks named in a warning, blocking calls of Mono methods caught. */
class GreenioDiagnosticsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MessagingAutoConfiguration.class, MessagingEndpointAutoConfiguration.class))
		.withUserConfiguration(SleepyConfiguration.class)
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(), "messaging.server.topic=compute",
				"messaging.server.name=c1", "messaging.executor=greenio",
				"management.endpoints.web.exposure.include=messaging");

	@Test
	void shouldReportAMonoMethodThatSleepsAndCountItOnTheBoardWhenDetectBlockingIsTrue() {
		this.contextRunner.withPropertyValues("messaging.greenio.detect-blocking=true").run((context) -> {
			try (LogCapture logs = LogCapture.of(Level.WARN, "io.oslo4j.messaging.executor")) {
				assertThat(client(context).call(RequestContext.empty(), "sleepy", Map.of()).asString()).isEqualTo("slept");
				// Thread.sleep's native method is sleep up to JDK 18, sleepNanos0 from JDK 22.
				await().untilAsserted(() -> assertThat(logs.text()).contains("Blocking call java.lang.Thread.sleep")
					.contains(" in SleepyEndpoint.sleepy on greenio thread"));
			}
			assertThat(sleepy(context).get("blockingCalls").asLong()).isEqualTo(1);
		});
	}

	@Test
	void shouldFailAMonoMethodThatSleepsWithARemoteErrorWhenDetectBlockingIsFail() {
		this.contextRunner.withPropertyValues("messaging.greenio.detect-blocking=fail").run((context) -> {
			assertThatExceptionOfType(RemoteException.class)
				.isThrownBy(() -> client(context).call(RequestContext.empty(), "sleepy", Map.of()))
				.withMessageContaining("SleepyEndpoint.sleepy made a blocking call (java.lang.Thread.sleep");
			assertThat(sleepy(context).get("blockingCalls").asLong()).isEqualTo(1);
		});
	}

	@Test
	void shouldNotLookForBlockingCallsByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(MessagingProperties.class).getGreenio().getDetectBlocking())
				.hasToString("OFF");
			assertThat(client(context).call(RequestContext.empty(), "sleepy", Map.of()).asString()).isEqualTo("slept");
			assertThat(sleepy(context).get("blockingCalls").asLong()).isZero();
		});
	}

	@Test
	void shouldNameAMethodThatHoldsItsGreenioThreadPastTheSlowCallbackThreshold() {
		this.contextRunner.withPropertyValues("messaging.greenio.slow-callback-threshold=1ns").run((context) -> {
			try (LogCapture logs = LogCapture.of(Level.WARN, "io.oslo4j.messaging.executor")) {
				client(context).call(RequestContext.empty(), "sleepy", Map.of());
				await().untilAsserted(() -> assertThat(logs.text())
					.contains("SleepyEndpoint.sleepy held greenio thread oslo4j-greenio-"));
			}
		});
	}

	private static RpcClient client(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(RpcClient.class);
	}

	private static JsonNode sleepy(AssertableApplicationContext context) {
		JsonNode board = JsonMapper.shared().valueToTree(context.getBean(MessagingEndpoint.class).messaging());
		return board.get("servers").get(0).get("methods").get(0);
	}

	@RpcEndpoint
	public static class SleepyEndpoint {

		/** The classic mistake: a Mono method that blocks its greenio thread. */
		public Mono<String> sleepy() {
			return Mono.fromCallable(() -> {
				Thread.sleep(1);
				return "slept";
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SleepyConfiguration {

		@Bean
		SleepyEndpoint sleepyEndpoint() {
			return new SleepyEndpoint();
		}

	}

}
