package io.oslo4j.messaging.boot.autoconfigure;

import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.boot.actuate.MessagingEndpoint;
import io.oslo4j.messaging.boot.autoconfigure.actuate.MessagingEndpointAutoConfiguration;
import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.executor.BlockingMethodsLeftException;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code messaging.executor=reactive}: the end of a migration, with no task executor. */
class ReactiveExecutorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MessagingAutoConfiguration.class, MessagingEndpointAutoConfiguration.class))
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(), "messaging.server.topic=compute",
				"messaging.server.name=c1", "messaging.executor=reactive",
				"management.endpoints.web.exposure.include=messaging");

	@Test
	void shouldServeAFullyReactiveServiceWithoutCreatingATaskExecutor() {
		this.contextRunner.withUserConfiguration(ReactiveConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME)
				.doesNotHaveBean(TaskExecutor.class);
			assertThat(context.getBean(MessagingExecutor.class).kind()).isEqualTo(ExecutorKind.REACTIVE);
			assertThat(context.getBean(RpcClient.class).call(RequestContext.empty(), "resize", Map.of("id", "vm"))
				.asString()).isEqualTo("vm:big");
			JsonNode board = JsonMapper.shared().valueToTree(context.getBean(MessagingEndpoint.class).messaging());
			assertThat(board.get("servers").get(0).get("executor").asString()).isEqualTo("reactive");
			assertThat(board.get("servers").get(0).get("lanes").findValuesAsString("name")).containsExactly("greenio");
			assertThat(board.get("summary").get(0).get("allReactive").asBoolean()).isTrue();
		});
	}

	@Test
	void shouldRefuseToStartListingTheBlockingMethodsLeftWithTheirSignatures() {
		this.contextRunner.withBean(ComputeEndpoint.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BlockingMethodsLeftException.class)
				.hasMessageContaining("executor 'reactive' needs every endpoint method to return Mono or "
						+ "CompletionStage; still blocking: ")
				.hasMessageContaining("ComputeEndpoint.getHostInfo(RequestContext, String) → HostInfo")
				.hasMessageContaining("ComputeEndpoint.reboot(String) → void")
				.hasMessageNotContaining("ComputeEndpoint.resize");
		});
	}

	@Test
	void shouldStillCreateTheTaskExecutorForTheOtherExecutors() {
		this.contextRunner.withUserConfiguration(ReactiveConfiguration.class)
			.withPropertyValues("messaging.executor=greenio")
			.run((context) -> assertThat(context).hasBean(MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME));
	}

	@RpcEndpoint
	public static class ReactiveComputeEndpoint {

		public Mono<String> resize(String id) {
			return Mono.just(id + ":big");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveConfiguration {

		@Bean
		ReactiveComputeEndpoint reactiveComputeEndpoint() {
			return new ReactiveComputeEndpoint();
		}

	}

}
