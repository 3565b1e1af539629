package io.oslo4j.messaging.boot.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.boot.rpc.EnableRpcClients;
import io.oslo4j.messaging.boot.testsupport.ComputeClient;
import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.HostInfo;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/** A context on {@code fake://} that serves an endpoint bean and calls it through the client beans. */
class MessagingRpcIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class))
		.withUserConfiguration(ComputeConfiguration.class)
		.withPropertyValues("messaging.server.topic=compute", "messaging.client.timeout=10s");

	@ParameterizedTest
	@ValueSource(strings = { "eventlet", "greenio" })
	void shouldAnswerCallsThroughTheRpcClientBeanWhenServingAnEndpointBean(String executor) {
		this.contextRunner.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(),
				"messaging.executor=" + executor).run((context) -> {
					RpcClient client = context.getBean(RpcClient.class).withNamespace("compute").withVersion("2.1");
					HostInfo info = client.call(RequestContext.of(Map.of("user", "alice")), "get_host_info",
							Map.of("host", "h1"), HostInfo.class);
					assertThat(info).isEqualTo(new HostInfo("h1", "alice"));
					StepVerifier.create(client.callAsync(RequestContext.empty(), "resize", Map.of("id", "vm", "flavor", "m1"),
							String.class)).expectNext("vm:m1").verifyComplete();
				});
	}

	@ParameterizedTest
	@ValueSource(strings = { "eventlet", "greenio" })
	void shouldAnswerCallsThroughTheTypedClientWhenServingAnEndpointBean(String executor) {
		this.contextRunner.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(),
				"messaging.executor=" + executor).run((context) -> {
					ComputeClient compute = context.getBean(ComputeClient.class);
					ComputeEndpoint endpoint = context.getBean(ComputeEndpoint.class);
					assertThat(compute.getHostInfo(RequestContext.of(Map.of("user", "bob")), "h2"))
						.isEqualTo(new HostInfo("h2", "bob"));
					StepVerifier.create(compute.resize("vm", "m2")).expectNext("vm:m2").verifyComplete();
					assertThat(compute.slowFuture("later").get()).isEqualTo("later");
					assertThat(compute.hosts(2)).containsExactly(new HostInfo("host-0", null), new HostInfo("host-1", null));
					assertThat(compute.count("four")).isEqualTo(4);
					compute.rebootInstance("vm-7");
					await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.reboots.contains("vm-7"));
				});
	}

	@Test
	void shouldRunMonoMethodsOnAWorkerWhenTheExecutorIsEventlet() {
		this.contextRunner.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl()).run((context) -> {
			ComputeEndpoint endpoint = context.getBean(ComputeEndpoint.class);
			context.getBean(ComputeClient.class).resize("vm", "m1").block();
			assertThat(endpoint.threads).singleElement().asString().startsWith("oslo4j-worker-");
		});
	}

	@Test
	void shouldRunMonoMethodsOnTheReactiveSchedulerWhenTheExecutorIsGreenio() {
		this.contextRunner.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(),
				"messaging.executor=greenio").run((context) -> {
					ComputeEndpoint endpoint = context.getBean(ComputeEndpoint.class);
					ComputeClient compute = context.getBean(ComputeClient.class);
					compute.resize("vm", "m1").block();
					compute.getHostInfo(RequestContext.empty(), "h");
					assertThat(endpoint.threads).hasSize(2);
					assertThat(endpoint.threads.poll()).startsWith("oslo4j-greenio-");
					assertThat(endpoint.threads.poll()).startsWith("oslo4j-worker-");
				});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void shouldRunEndpointMethodsOnVirtualThreadsWhenVirtualThreadsAreEnabled() {
		this.contextRunner.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(),
				"spring.threads.virtual.enabled=true").run((context) -> {
					ComputeEndpoint endpoint = context.getBean(ComputeEndpoint.class);
					context.getBean(ComputeClient.class).getHostInfo(RequestContext.empty(), "h");
					assertThat(endpoint.threadObjects).singleElement().satisfies((thread) -> {
						assertThat(isVirtual(thread)).isTrue();
						assertThat(thread.getName()).startsWith("oslo4j-worker-");
					});
				});
	}

	@ParameterizedTest
	@ValueSource(strings = { "eventlet", "greenio" })
	void shouldAnswerEveryCallInFlightWhenTheContextCloses(String executor) {
		answerEveryCallInFlightWhenTheContextCloses("messaging.executor=" + executor);
	}

	@ParameterizedTest
	@ValueSource(strings = { "eventlet", "greenio" })
	@EnabledForJreRange(min = JRE.JAVA_21)
	void shouldAnswerEveryCallInFlightWhenTheContextClosesOnVirtualThreads(String executor) {
		answerEveryCallInFlightWhenTheContextCloses("messaging.executor=" + executor, "spring.threads.virtual.enabled=true");
	}

	private void answerEveryCallInFlightWhenTheContextCloses(String... properties) {
		String url = TestUrls.uniqueFakeUrl();
		int calls = 40;
		try (Transport callerTransport = Transport.open(url)) {
			RpcClient caller = RpcClient.builder(callerTransport, Target.topic("compute").withNamespace("compute").withVersion("2.0"))
				.timeout(Duration.ofSeconds(10))
				.build();
			this.contextRunner.withPropertyValues("messaging.transport-url=" + url)
				.withPropertyValues(properties)
				.run((context) -> {
					RpcServer server = context.getBean(RpcServer.class);
					List<Mono<String>> replies = IntStream.range(0, calls)
						.mapToObj((i) -> caller.callAsync(RequestContext.empty(), "slow", Map.of("value", "v" + i), String.class)
							.cache())
						.toList();
					replies.forEach(Mono::subscribe);
					await().atMost(Duration.ofSeconds(5)).until(() -> server.inFlight() == calls);
					context.close();
					assertThat(server.inFlight()).isZero();
					assertThat(server.isConsuming()).isFalse();
					List<String> answers = Flux.merge(replies).collectList().block(Duration.ofSeconds(10));
					assertThat(answers).hasSize(calls)
						.containsExactlyInAnyOrderElementsOf(IntStream.range(0, calls).mapToObj((i) -> "v" + i).toList());
				});
		}
	}

	@Test
	void shouldStopWaitingForCallsInFlightWhenTheShutdownPhaseTimeoutHasPassed() {
		String url = TestUrls.uniqueFakeUrl();
		try (Transport callerTransport = Transport.open(url)) {
			RpcClient caller = RpcClient.create(callerTransport,
					Target.topic("compute").withNamespace("compute").withVersion("2.0"));
			this.contextRunner
				.withPropertyValues("messaging.transport-url=" + url, "messaging.executor=greenio",
						"spring.lifecycle.timeout-per-shutdown-phase=200ms")
				.run((context) -> {
					RpcServer server = context.getBean(RpcServer.class);
					caller.callAsync(RequestContext.empty(), "never", Map.of()).subscribe();
					await().atMost(Duration.ofSeconds(5)).until(() -> server.inFlight() == 1);
					assertTimeoutPreemptively(Duration.ofSeconds(10), context::close);
					assertThat(server.inFlight()).isEqualTo(1);
					assertThat(server.isConsuming()).isFalse();
				});
		}
	}

	private static boolean isVirtual(Thread thread) {
		try {
			Method isVirtual = Thread.class.getMethod("isVirtual");
			return (boolean) isVirtual.invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableRpcClients(clients = ComputeClient.class)
	static class ComputeConfiguration {

		@Bean
		ComputeEndpoint computeEndpoint() {
			return new ComputeEndpoint();
		}

	}

}
