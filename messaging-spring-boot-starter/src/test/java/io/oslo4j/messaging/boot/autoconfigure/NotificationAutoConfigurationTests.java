package io.oslo4j.messaging.boot.autoconfigure;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.notify.NotificationDriver;
import io.oslo4j.messaging.notify.NotificationEndpoint;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NotificationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, NotificationAutoConfiguration.class))
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl());

	@Test
	void shouldProvideANotifierWithThePublisherIdTopicsAndDriverOfTheProperties() {
		this.contextRunner
			.withPropertyValues("messaging.notification.publisher-id=compute.host1",
					"messaging.notification.topics=notifications,audit", "messaging.notification.driver=messaging")
			.run((context) -> {
				Notifier notifier = context.getBean(Notifier.class);
				assertThat(notifier.publisherId()).isEqualTo("compute.host1");
				assertThat(notifier.topics()).containsExactly("notifications", "audit");
				assertThat(notifier.driver()).isEqualTo(NotificationDriver.MESSAGING);
			});
	}

	@Test
	void shouldDefaultThePublisherIdToTheServerTopicAndName() {
		this.contextRunner.withPropertyValues("messaging.server.topic=compute", "messaging.server.name=host7")
			.run((context) -> assertThat(context.getBean(Notifier.class).publisherId()).isEqualTo("compute.host7"));
	}

	@Test
	void shouldFailOnAnUnknownDriverNamingTheAllowedOnes() {
		this.contextRunner.withPropertyValues("messaging.notification.driver=carrier-pigeon").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("messagingv2");
		});
	}

	@Test
	void shouldSendThroughEveryDriverWhenSeveralAreSetAsOslosMultiValuedDriverOption() {
		this.contextRunner.withPropertyValues("messaging.notification.driver=messaging,messagingv2")
			.run((context) -> assertThat(context.getBean(Notifier.class).drivers())
				.containsExactly(NotificationDriver.MESSAGING, NotificationDriver.MESSAGING_V2));
	}

	@Test
	void shouldRetryForEverByDefaultAndAsOftenAsTheRetryOptionSays() {
		this.contextRunner.run((context) -> assertThat(context.getBean(Notifier.class).retry()).isEqualTo(-1));
		this.contextRunner.withPropertyValues("messaging.notification.retry=3")
			.run((context) -> assertThat(context.getBean(Notifier.class).retry()).isEqualTo(3));
		this.contextRunner.withPropertyValues("messaging.notification.retry=0")
			.run((context) -> assertThat(context.getBean(Notifier.class).retry()).isZero());
	}

	@Test
	void shouldFailNamingTheRetryOptionWhenItIsBelowMinusOne() {
		this.contextRunner.withPropertyValues("messaging.notification.retry=-2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("messaging.notification.retry")
				.hasMessageContaining("retry=-2")
				.hasMessageContaining("-1");
		});
	}

	@Test
	void shouldUseTheMessagingTransportForNotificationsWhenTheyHaveNoUrlOfTheirOwn() {
		this.contextRunner.run((context) -> {
			NotificationTransport transport = context.getBean(NotificationTransport.class);
			assertThat(transport.isSeparate()).isFalse();
			assertThat(transport.transport()).isSameAs(context.getBean(Transport.class));
		});
	}

	@Test
	void shouldSendAndListenOnTheirOwnBrokerWhenNotificationsHaveATransportUrl() {
		this.contextRunner.withUserConfiguration(EndpointConfiguration.class)
			.withPropertyValues("messaging.notification.transport-url=" + TestUrls.uniqueFakeUrl())
			.run((context) -> {
				NotificationTransport transport = context.getBean(NotificationTransport.class);
				assertThat(transport.isSeparate()).isTrue();
				assertThat(transport.transport()).isNotSameAs(context.getBean(Transport.class));
				context.getBean(Notifier.class).info(RequestContext.empty(), "compute.instance.delete.end", Map.of());
				InstanceEvents events = context.getBean(InstanceEvents.class);
				await().atMost(10, TimeUnit.SECONDS).until(() -> events.received.contains("compute.instance.delete.end"));
			});
	}

	@Test
	void shouldCloseTheNotificationTransportItOpenedWithTheContext() {
		NotificationTransport[] transport = new NotificationTransport[1];
		this.contextRunner.withPropertyValues("messaging.notification.transport-url=" + TestUrls.uniqueFakeUrl())
			.run((context) -> transport[0] = context.getBean(NotificationTransport.class));
		assertThat(transport[0].transport().driver().isConnected()).isFalse();
	}

	@Test
	void shouldBackOffWhenTheApplicationDefinesANotifier() {
		this.contextRunner.withUserConfiguration(UserNotifierConfiguration.class)
			.run((context) -> assertThat(context.getBean(Notifier.class)).isSameAs(context.getBean("userNotifier")));
	}

	@Test
	void shouldNotCreateAListenerWithoutNotificationEndpoints() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(NotificationListener.class));
	}

	@Test
	void shouldServeNotificationEndpointBeansAndDeliverWhatTheNotifierSends() {
		this.contextRunner.withUserConfiguration(EndpointConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(NotificationListener.class);
			assertThat(context.getBean(NotificationListener.class).isRunning()).isTrue();
			context.getBean(Notifier.class).info(RequestContext.empty(), "compute.instance.create.end", Map.of("id", "vm-1"));
			InstanceEvents events = context.getBean(InstanceEvents.class);
			await().atMost(10, TimeUnit.SECONDS).until(() -> events.received.contains("compute.instance.create.end"));
		});
	}

	@Test
	void shouldBoundTheListenersNotificationsInFlightByTheExecutorThreadPoolSizeAsOslo() {
		this.contextRunner.withUserConfiguration(EndpointConfiguration.class)
			.withPropertyValues("messaging.executor-thread-pool-size=4")
			.run((context) -> assertThat(context.getBean(NotificationListener.class).describe().lanes()).first()
				.isEqualTo(new ServerDescription.Lane(ServerDescription.WORKER_LANE, 0, 4)));
	}

	@Test
	void shouldStopTheListenerWithTheContext() {
		this.contextRunner.withUserConfiguration(EndpointConfiguration.class).run((context) -> {
			NotificationListener listener = context.getBean(NotificationListener.class);
			context.close();
			assertThat(listener.isRunning()).isFalse();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserNotifierConfiguration {

		@Bean
		Notifier userNotifier(Transport transport) {
			return Notifier.create(transport, "user");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EndpointConfiguration {

		@Bean
		InstanceEvents instanceEvents() {
			return new InstanceEvents();
		}

	}

	@NotificationEndpoint
	static class InstanceEvents {

		final Queue<String> received = new ConcurrentLinkedQueue<>();

		public void info(String eventType) {
			this.received.add(eventType);
		}

	}

}
