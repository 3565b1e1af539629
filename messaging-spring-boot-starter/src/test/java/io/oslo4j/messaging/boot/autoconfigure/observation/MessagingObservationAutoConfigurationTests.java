package io.oslo4j.messaging.boot.autoconfigure.observation;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.boot.autoconfigure.MessagingAutoConfiguration;
import io.oslo4j.messaging.boot.observation.DefaultRpcServerObservationConvention;
import io.oslo4j.messaging.boot.observation.ObservationRpcObserver;
import io.oslo4j.messaging.boot.observation.RpcServerObservationConvention;
import io.oslo4j.messaging.boot.rpc.EnableRpcClients;
import io.oslo4j.messaging.boot.testsupport.ComputeClient;
import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.rpc.RpcObserver;
import io.oslo4j.messaging.rpc.RpcServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MessagingObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MessagingAutoConfiguration.class, MessagingObservationAutoConfiguration.class))
		.withUserConfiguration(ComputeConfiguration.class)
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(), "messaging.server.topic=compute",
				"messaging.server.name=c1", "messaging.executor=greenio");

	@Test
	void shouldObserveServedAndSentCallsWhenAnObservationRegistryExists() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			assertThat(context.getBean(ComputeClient.class).resize("vm", "m1").block()).isEqualTo("vm:m1");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(registry).hasObservationWithNameEqualTo("oslo.rpc.server")
					.that()
					.hasBeenStopped()
					.hasContextualNameEqualTo("compute resize")
					.hasLowCardinalityKeyValue("topic", "compute")
					.hasLowCardinalityKeyValue("method", "resize")
					.hasLowCardinalityKeyValue("kind", "call")
					.hasLowCardinalityKeyValue("executor", "greenio")
					.hasLowCardinalityKeyValue("outcome", "SUCCESS")
					.hasLowCardinalityKeyValue("exception", "none")
					.hasHighCardinalityKeyValue("server", "c1"));
			assertThat(registry).hasObservationWithNameEqualTo("oslo.rpc.client")
				.that()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("topic", "compute")
				.hasLowCardinalityKeyValue("method", "resize")
				.hasLowCardinalityKeyValue("outcome", "SUCCESS");
		});
	}

	@Test
	void shouldCarryATraceContextFromTheClientObservationToTheServerObservation() {
		Queue<String> received = new ConcurrentLinkedQueue<>();
		this.contextRunner.withBean(TestObservationRegistry.class, () -> {
			TestObservationRegistry registry = TestObservationRegistry.create();
			registry.observationConfig().observationHandler(new TracePropagation(received));
			return registry;
		}).run((context) -> {
			assertThat(context.getBean(ComputeClient.class).resize("vm", "m1").block()).isEqualTo("vm:m1");
			await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
			assertThat(received).containsExactly("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		});
	}

	/** What a tracing handler does: writes a trace context on send, reads it on receipt. */
	record TracePropagation(Queue<String> received) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStart(Observation.Context context) {
			if (context instanceof SenderContext<?> sender) {
				inject(sender);
			}
			if (context instanceof ReceiverContext<?> receiver) {
				String traceparent = extract(receiver);
				if (traceparent != null) {
					this.received.add(traceparent);
				}
			}
		}

		private static <C> void inject(SenderContext<C> sender) {
			sender.getSetter().set(sender.getCarrier(), "traceparent",
					"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		}

		private static <C> @Nullable String extract(ReceiverContext<C> receiver) {
			return receiver.getGetter().get(receiver.getCarrier(), "traceparent");
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	@Test
	void shouldKeepTheServerObservationOpenUntilAMonoMethodHasBeenAnswered() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			Mono<String> slow = context.getBean(ComputeClient.class).slow("v").cache();
			slow.subscribe();
			await().atMost(Duration.ofSeconds(5)).until(() -> context.getBean(RpcServer.class).inFlight() == 1);
			assertThat(registry).hasObservationWithNameEqualTo("oslo.rpc.server").that().hasBeenStarted().isNotStopped();
			assertThat(slow.block(Duration.ofSeconds(5))).isEqualTo("v");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(registry).hasObservationWithNameEqualTo("oslo.rpc.server")
					.that()
					.hasBeenStopped());
		});
	}

	@Test
	void shouldRecordTheFailureWhenTheEndpointFails() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			assertThatThrownBy(() -> context.getBean(FailingClient.class).fail("boom")).isInstanceOf(RemoteException.class);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(registry).hasObservationWithNameEqualTo("oslo.rpc.server")
					.that()
					.hasBeenStopped()
					.hasError()
					.hasLowCardinalityKeyValue("outcome", "FAILURE")
					.hasLowCardinalityKeyValue("exception", "IllegalArgumentException"));
			assertThat(registry).hasObservationWithNameEqualTo("oslo.rpc.client")
				.that()
				.hasLowCardinalityKeyValue("outcome", "FAILURE")
				.hasLowCardinalityKeyValue("exception", "RemoteException");
		});
	}

	@Test
	void shouldUseTheApplicationsConventionWhenOneIsDefined() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(RpcServerObservationConvention.class, () -> new DefaultRpcServerObservationConvention() {

				@Override
				public String getName() {
					return "compute.rpc";
				}

			})
			.run((context) -> {
				context.getBean(ComputeClient.class).count("abc");
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(context.getBean(TestObservationRegistry.class))
						.hasObservationWithNameEqualTo("compute.rpc"));
			});
	}

	@Test
	void shouldNotObserveWhenThereIsNoObservationRegistry() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RpcObserver.class));
	}

	@Test
	void shouldNotObserveWhenMicrometerObservationIsNotOnTheClasspath() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RpcObserver.class));
	}

	@Test
	void shouldBackOffWhenTheApplicationDefinesAnRpcObserver() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean("userObserver", RpcObserver.class, () -> RpcObserver.NONE)
			.run((context) -> assertThat(context).doesNotHaveBean(ObservationRpcObserver.class)
				.hasSingleBean(RpcObserver.class));
	}

	@io.oslo4j.messaging.boot.rpc.RpcClientInterface(topic = "compute", namespace = "compute", version = "2.0")
	interface FailingClient {

		Object fail(String message);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableRpcClients(clients = { ComputeClient.class, FailingClient.class })
	static class ComputeConfiguration {

		@Bean
		ComputeEndpoint computeEndpoint() {
			return new ComputeEndpoint();
		}

	}

}
