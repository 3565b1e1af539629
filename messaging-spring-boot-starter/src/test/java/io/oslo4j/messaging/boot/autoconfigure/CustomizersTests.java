package io.oslo4j.messaging.boot.autoconfigure;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.notify.NotificationEndpoint;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.WireLimits;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every bean the starter builds runs the customizers of its kind, in their order, after the
 * properties: the later customizer has the last word.
 */
class CustomizersTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, NotificationAutoConfiguration.class))
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(), "messaging.executor=greenio",
				"messaging.server.topic=compute")
		.withUserConfiguration(OrderedCustomizers.class);

	@Test
	void shouldCustomizeTheRpcServerInOrderAfterItsProperties() {
		this.contextRunner.withBean(ComputeEndpoint.class)
			.withPropertyValues("messaging.server.max-async-in-flight=100")
			.run((context) -> {
				assertThat(context.getBean(OrderedCustomizers.class).applied).containsSubsequence("server 1", "server 2");
				assertThat(context.getBean(RpcServer.class).describe().lanes())
					.filteredOn((lane) -> lane.name().equals(ServerDescription.GREENIO_LANE))
					.extracting(ServerDescription.Lane::limit)
					.containsExactly(20);
			});
	}

	@Test
	void shouldCustomizeTheRpcClientInOrderAfterItsProperties() {
		this.contextRunner.withPropertyValues("messaging.rpc-response-timeout=5s").run((context) -> {
			assertThat(context.getBean(OrderedCustomizers.class).applied).containsSubsequence("client 1", "client 2");
			assertThat(context.getBean(RpcClient.class).timeout()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void shouldCustomizeTheNotificationListenerInOrderAfterItsProperties() {
		this.contextRunner.withBean(AuditEndpoint.class).run((context) -> {
			assertThat(context.getBean(OrderedCustomizers.class).applied).containsSubsequence("listener 1", "listener 2");
			assertThat(context.getBean(NotificationListener.class).describe().lanes())
				.filteredOn((lane) -> lane.name().equals(ServerDescription.WORKER_LANE))
				.extracting(ServerDescription.Lane::limit)
				.containsExactly(2);
		});
	}

	@Test
	void shouldCustomizeTheNotifierInOrderAfterItsProperties() {
		this.contextRunner.withPropertyValues("messaging.notification.publisher-id=compute.host1").run((context) -> {
			assertThat(context.getBean(OrderedCustomizers.class).applied).containsSubsequence("notifier 1", "notifier 2");
			assertThat(context.getBean(Notifier.class).publisherId()).isEqualTo("second.host");
		});
	}

	@Test
	void shouldCustomizeTheTransportInOrderAfterItsProperties() {
		this.contextRunner.withPropertyValues("messaging.control-exchange=nova").run((context) -> {
			assertThat(context.getBean(OrderedCustomizers.class).applied).containsSubsequence("transport 1",
					"transport 2");
			assertThat(context.getBean(Transport.class).driver().controlExchange()).isEqualTo("glance");
		});
	}

	@Test
	void shouldCustomizeTheNotificationTransportWhenNotificationsHaveABrokerOfTheirOwn() {
		this.contextRunner.withPropertyValues("messaging.notification.transport-url=" + TestUrls.uniqueFakeUrl())
			.run((context) -> {
				NotificationTransport transport = context.getBean(NotificationTransport.class);
				assertThat(transport.isSeparate()).isTrue();
				assertThat(transport.transport().driver().controlExchange()).isEqualTo("glance");
			});
	}

	@Test
	void shouldRefuseAnOptionThatIsNeitherTheControlExchangeNorARabbitOne() {
		TransportOptions options = TransportOptions.of(new MessagingProperties());
		assertThatIllegalArgumentException().isThrownBy(() -> options.option("rpc_response_timeout", "5"))
			.withMessageContaining("'rpc_response_timeout'")
			.withMessageContaining("[oslo_messaging_rabbit]");
	}

	@Test
	void shouldOpenTheTransportWithTheWireLimitsACustomizerSets() {
		WireLimits limits = WireLimits.defaults().withMaxNestingDepth(17);
		this.contextRunner.withBean(TransportCustomizer.class, () -> (options) -> options.wireLimits(limits))
			.run((context) -> assertThat(context.getBean(Transport.class)
				.envelope()
				.mapper()
				.tokenStreamFactory()
				.streamReadConstraints()
				.getMaxNestingDepth()).isEqualTo(17));
	}

	/** Customizers of every kind, two each, recording the order they ran in. */
	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizers {

		final Queue<String> applied = new ConcurrentLinkedQueue<>();

		@Bean
		@Order(2)
		RpcServerCustomizer secondServerCustomizer() {
			return (builder) -> record("server 2", builder).maxAsyncInFlight(20);
		}

		@Bean
		@Order(1)
		RpcServerCustomizer firstServerCustomizer() {
			return (builder) -> record("server 1", builder).maxAsyncInFlight(10);
		}

		@Bean
		@Order(2)
		RpcClientCustomizer secondClientCustomizer() {
			return (builder) -> record("client 2", builder).timeout(Duration.ofSeconds(2));
		}

		@Bean
		@Order(1)
		RpcClientCustomizer firstClientCustomizer() {
			return (builder) -> record("client 1", builder).timeout(Duration.ofSeconds(1));
		}

		@Bean
		@Order(2)
		NotificationListenerCustomizer secondListenerCustomizer() {
			return (builder) -> record("listener 2", builder).maxInFlight(2);
		}

		@Bean
		@Order(1)
		NotificationListenerCustomizer firstListenerCustomizer() {
			return (builder) -> record("listener 1", builder).maxInFlight(1);
		}

		@Bean
		@Order(2)
		NotifierCustomizer secondNotifierCustomizer() {
			return (builder) -> record("notifier 2", builder).publisherId("second.host");
		}

		@Bean
		@Order(1)
		NotifierCustomizer firstNotifierCustomizer() {
			return (builder) -> record("notifier 1", builder).publisherId("first.host");
		}

		@Bean
		@Order(2)
		TransportCustomizer secondTransportCustomizer() {
			return (options) -> record("transport 2", options).option("control_exchange", "glance");
		}

		@Bean
		@Order(1)
		TransportCustomizer firstTransportCustomizer() {
			return (options) -> record("transport 1", options).option("control_exchange", "keystone");
		}

		private <T> T record(String name, T builder) {
			this.applied.add(name);
			return builder;
		}

	}

	@NotificationEndpoint
	static class AuditEndpoint {

		public Mono<Void> info(String eventType) {
			return Mono.empty();
		}

	}

}
