package io.oslo4j.messaging.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.notify.NotificationDriver;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An application that builds its own server, listener, client or notifier with the starter's
 * configurer keeps every {@code messaging.*} property the auto-configuration would have applied.
 */
class ConfigurersTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, NotificationAutoConfiguration.class))
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(), "messaging.executor=greenio",
				"messaging.executor-thread-pool-size=4");

	@Test
	void shouldApplyTheServerPropertiesToAnRpcServerTheApplicationBuildsWithTheConfigurer() {
		this.contextRunner.withUserConfiguration(UserServerConfiguration.class)
			.withPropertyValues("messaging.server.max-async-in-flight=100")
			.run((context) -> {
				RpcServer server = context.getBean(RpcServer.class);
				assertThat(server.target()).isEqualTo(Target.topic("audit").withServer("a1"));
				assertThat(server.describe().executor()).isEqualTo(ExecutorKind.GREENIO);
				assertThat(server.describe().lanes()).extracting(ServerDescription.Lane::name, ServerDescription.Lane::limit)
					.containsExactly(tuple(ServerDescription.WORKER_LANE, 4),
							tuple(ServerDescription.GREENIO_LANE, 100));
			});
	}

	@Test
	void shouldBoundTheWorkerLaneByMaxBlockingInFlightWhenSet() {
		this.contextRunner.withUserConfiguration(UserServerConfiguration.class)
			.withPropertyValues("messaging.server.max-blocking-in-flight=2")
			.run((context) -> assertThat(context.getBean(RpcServer.class).describe().lanes())
				.filteredOn((lane) -> lane.name().equals(ServerDescription.WORKER_LANE))
				.extracting(ServerDescription.Lane::limit)
				.containsExactly(2));
	}

	@Test
	void shouldOfferTheServerConfigurerWhenTheApplicationHasNoRpcEndpoint() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RpcServerConfigurer.class)
			.doesNotHaveBean(RpcServer.class));
	}

	@Test
	void shouldApplyTheNotificationPropertiesToAListenerTheApplicationBuildsWithTheConfigurer() {
		this.contextRunner.withUserConfiguration(UserListenerConfiguration.class)
			.withPropertyValues("messaging.notification.topics=audit,events")
			.run((context) -> {
				NotificationListener listener = context.getBean(NotificationListener.class);
				assertThat(listener.targets()).containsExactly(Target.topic("audit"), Target.topic("events"));
				assertThat(listener.describe().executor()).isEqualTo(ExecutorKind.GREENIO);
				assertThat(listener.describe().lanes()).extracting(ServerDescription.Lane::name, ServerDescription.Lane::limit)
					.contains(tuple(ServerDescription.WORKER_LANE, 4));
			});
	}

	@Test
	void shouldBoundTheListenersGreenioLaneByTheNotificationMaxAsyncInFlight() {
		this.contextRunner.withUserConfiguration(UserListenerConfiguration.class)
			.withPropertyValues("messaging.notification.max-async-in-flight=100")
			.run((context) -> assertThat(context.getBean(NotificationListener.class).describe().lanes())
				.extracting(ServerDescription.Lane::name, ServerDescription.Lane::limit)
				.containsExactly(tuple(ServerDescription.WORKER_LANE, 4), tuple(ServerDescription.GREENIO_LANE, 100)));
	}

	@Test
	void shouldApplyTheResponseTimeoutToAnRpcClientTheApplicationBuildsWithTheConfigurer() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class)
			.withPropertyValues("messaging.rpc-response-timeout=7s")
			.run((context) -> {
				RpcClient client = context.getBean(RpcClient.class);
				assertThat(client.target()).isEqualTo(Target.topic("image"));
				assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void shouldApplyDirectReplyToToAnRpcClientTheApplicationBuildsWithTheConfigurer() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class)
			.withPropertyValues("messaging.client.direct-reply-to=true")
			.run((context) -> assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> context.getBean(RpcClient.class).call(RequestContext.empty(), "ping", Map.of()))
				.withMessageContaining("direct reply-to"));
	}

	@Test
	void shouldApplyTheNotificationPropertiesToANotifierTheApplicationBuildsWithTheConfigurer() {
		this.contextRunner.withUserConfiguration(UserNotifierConfiguration.class)
			.withPropertyValues("messaging.notification.publisher-id=audit.a1", "messaging.notification.topics=audit",
					"messaging.notification.driver=test,log", "messaging.notification.retry=2")
			.run((context) -> {
				Notifier notifier = context.getBean(Notifier.class);
				assertThat(notifier.publisherId()).isEqualTo("audit.a1");
				assertThat(notifier.topics()).containsExactly("audit");
				assertThat(notifier.drivers()).containsExactly(NotificationDriver.TEST, NotificationDriver.LOG);
				assertThat(notifier.retry()).isEqualTo(2);
			});
	}

	@Test
	void shouldConfigureTheAutoConfiguredBeansWithTheConfigurersTheApplicationDefines() {
		this.contextRunner.withBean(RpcClientConfigurer.class, () -> new RpcClientConfigurer(new MessagingProperties()))
			.withPropertyValues("messaging.rpc-response-timeout=7s")
			.run((context) -> assertThat(context.getBean(RpcClient.class).timeout()).isEqualTo(RpcClient.DEFAULT_TIMEOUT));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserServerConfiguration {

		@Bean
		RpcServer auditServer(Transport transport, RpcServerConfigurer configurer) {
			return configurer.configure(RpcServer.builder(transport, Target.topic("audit").withServer("a1")))
				.endpoint(new ComputeEndpoint())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserListenerConfiguration {

		@Bean
		NotificationListener auditListener(NotificationTransport transport, NotificationListenerConfigurer configurer) {
			return configurer.configure(NotificationListener.builder(transport.transport()))
				.endpoint(new AuditEndpoint())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		RpcClient imageClient(Transport transport, RpcClientConfigurer configurer) {
			return configurer.configure(RpcClient.builder(transport, Target.topic("image"))).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserNotifierConfiguration {

		@Bean
		Notifier auditNotifier(NotificationTransport transport, NotifierConfigurer configurer) {
			return configurer.configure(Notifier.builder(transport.transport())).build();
		}

	}

	/** Not annotated: an endpoint the application hands its own listener. */
	static class AuditEndpoint {

		public Mono<Void> info(String eventType) {
			return Mono.empty();
		}

	}

}
