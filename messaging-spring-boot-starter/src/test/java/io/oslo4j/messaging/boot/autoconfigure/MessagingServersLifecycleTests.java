package io.oslo4j.messaging.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.MessagingServer;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.boot.MessagingServerLifecycle;
import io.oslo4j.messaging.boot.autoconfigure.NotificationAutoConfigurationTests.InstanceEvents;
import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every {@link MessagingServer} bean starts with the context and drains when it closes, the
 * auto-configured ones and those the application builds itself, with or without endpoint beans.
 */
class MessagingServersLifecycleTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, NotificationAutoConfiguration.class))
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(), "messaging.client.timeout=10s");

	@Test
	void shouldStartAServerAndAListenerTheApplicationBuildsWithoutEndpointBeansAndHaveThemAnswer() {
		this.contextRunner.withUserConfiguration(AuditServerConfiguration.class, AuditListenerConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("rpcServer").doesNotHaveBean("notificationListener");
				assertThat(call(context, "audit", "echo", "hello")).isEqualTo("hello");
				context.getBean(Notifier.class).info(RequestContext.empty(), "identity.user.created", Map.of());
				AuditEvents events = context.getBean(AuditEvents.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> events.received.contains("identity.user.created"));
			});
	}

	@Test
	void shouldStartEveryServerWhenTheApplicationDefinesSeveralBesideAnAutoConfiguredOne() {
		this.contextRunner.withUserConfiguration(AuditServerConfiguration.class, BillingServerConfiguration.class)
			.withBean(InstanceEvents.class)
			.run((context) -> {
				assertThat(context.getBeansOfType(MessagingServer.class)).containsOnlyKeys("auditServer", "billingServer",
						"notificationListener");
				assertThat(context.getBeansOfType(MessagingServer.class).values()).allMatch(MessagingServer::isRunning);
				assertThat(call(context, "audit", "echo", "a")).isEqualTo("a");
				assertThat(call(context, "billing", "echo", "b")).isEqualTo("b");
				context.getBean(Notifier.class).info(RequestContext.empty(), "compute.instance.create.end", Map.of());
				InstanceEvents events = context.getBean(InstanceEvents.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> events.received.contains("compute.instance.create.end"));
			});
	}

	@Test
	void shouldStartTheApplicationsServersWhenTheAutoConfiguredServerIsDisabled() {
		this.contextRunner.withUserConfiguration(AuditServerConfiguration.class)
			.withBean(ComputeEndpoint.class)
			.withPropertyValues("messaging.server.topic=compute", "messaging.server.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean("rpcServer");
				assertThat(context.getBean("auditServer", RpcServer.class).isRunning()).isTrue();
			});
	}

	@Test
	void shouldStopEveryServerAndPublishTheRepliesInFlightBeforeTheContextCloses() {
		this.contextRunner.withUserConfiguration(AuditServerConfiguration.class, AuditListenerConfiguration.class)
			.run((context) -> {
				Gate gate = context.getBean(Gate.class);
				RpcServer server = context.getBean("auditServer", RpcServer.class);
				NotificationListener listener = context.getBean("auditListener", NotificationListener.class);
				Mono<String> reply = client(context, "audit").callAsync(RequestContext.empty(), "pass",
						Map.of("value", "drained"), String.class);
				StepVerifier.create(reply).then(() -> {
					await().atMost(Duration.ofSeconds(10)).until(() -> gate.entered.getCount() == 0);
					Thread closing = new Thread(context::close, "closing");
					closing.start();
					await().atMost(Duration.ofSeconds(10))
						.until(() -> !server.isRunning());
					assertThat(closing.isAlive()).as("the close waits for the call in flight").isTrue();
					gate.open.countDown();
				}).expectNext("drained").expectComplete().verify(Duration.ofSeconds(10));
				await().atMost(Duration.ofSeconds(10)).until(() -> !context.isActive());
				assertThat(listener.isRunning()).isFalse();
			});
	}

	@Test
	void shouldLeaveAServerToTheLifecycleTheApplicationRegistersForIt() {
		this.contextRunner.withUserConfiguration(CountedServerConfiguration.class).run((context) -> {
			CountingServer byHand = context.getBean("byHand", CountingServer.class);
			CountingServer automatic = context.getBean("automatic", CountingServer.class);
			assertThat(automatic.starts).hasValue(1);
			assertThat(byHand.starts).as("left to its own lifecycle, which does not start it").hasValue(0);
			context.getBean(MessagingServerLifecycle.class).start();
			assertThat(byHand.starts).hasValue(1);
			context.close();
			assertThat(byHand.terminations).hasValue(1);
			assertThat(automatic.terminations).hasValue(1);
		});
	}

	@Test
	void shouldNameTheServerThatFailsToStartAndStopThoseAlreadyStarted() {
		this.contextRunner.withUserConfiguration(FailingServerConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("Failed to start messaging server 'broken'")
				.rootCause()
				.hasMessage("no broker");
			CountingServer automatic = FailingServerConfiguration.AUTOMATIC;
			assertThat(automatic.starts).hasValue(1);
			assertThat(automatic.terminations).hasValue(1);
		});
	}

	private static String call(AssertableApplicationContext context, String topic, String method, String value) {
		return client(context, topic).call(RequestContext.empty(), method, Map.of("value", value), String.class);
	}

	private static RpcClient client(AssertableApplicationContext context, String topic) {
		return context.getBean(RpcClient.class).withTarget(Target.topic(topic));
	}

	@Configuration(proxyBeanMethods = false)
	static class AuditServerConfiguration {

		@Bean
		Gate gate() {
			return new Gate();
		}

		@Bean
		RpcServer auditServer(Transport transport, RpcServerConfigurer configurer, Gate gate) {
			return configurer.configure(RpcServer.builder(transport, Target.topic("audit").withServer("a1")))
				.endpoint(gate)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BillingServerConfiguration {

		@Bean
		RpcServer billingServer(Transport transport, RpcServerConfigurer configurer) {
			return configurer.configure(RpcServer.builder(transport, Target.topic("billing").withServer("b1")))
				.endpoint(new Gate())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AuditListenerConfiguration {

		@Bean
		AuditEvents auditEvents() {
			return new AuditEvents();
		}

		@Bean
		NotificationListener auditListener(NotificationTransport transport, NotificationListenerConfigurer configurer,
				AuditEvents events) {
			return configurer.configure(NotificationListener.builder(transport.transport())).endpoint(events).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountedServerConfiguration {

		@Bean
		CountingServer automatic() {
			return new CountingServer();
		}

		@Bean
		CountingServer byHand() {
			return new CountingServer();
		}

		@Bean
		MessagingServerLifecycle byHandLifecycle(CountingServer byHand) {
			MessagingServerLifecycle lifecycle = new MessagingServerLifecycle(byHand, Duration.ofSeconds(10));
			lifecycle.setAutoStartup(false);
			return lifecycle;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingServerConfiguration {

		static final CountingServer AUTOMATIC = new CountingServer();

		@Bean
		CountingServer automatic() {
			return AUTOMATIC;
		}

		@Bean
		CountingServer broken() {
			return new CountingServer() {

				@Override
				public void start() {
					throw new IllegalStateException("no broker");
				}

			};
		}

	}

	/** Not annotated: an endpoint only the application's own servers serve. */
	static class Gate {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch open = new CountDownLatch(1);

		public String echo(String value) {
			return value;
		}

		public String pass(String value) throws InterruptedException {
			this.entered.countDown();
			assertThat(this.open.await(10, TimeUnit.SECONDS)).as("the gate opens").isTrue();
			return value;
		}

	}

	/** Not annotated: the endpoint of the application's own listener. */
	static class AuditEvents {

		final Queue<String> received = new ConcurrentLinkedQueue<>();

		public void info(String eventType) {
			this.received.add(eventType);
		}

	}

	/** A server that counts how often it is started and drained. */
	static class CountingServer implements MessagingServer {

		final AtomicInteger starts = new AtomicInteger();

		final AtomicInteger terminations = new AtomicInteger();

		private volatile boolean running;

		@Override
		public void start() {
			this.starts.incrementAndGet();
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean awaitTermination(Duration timeout) {
			this.running = false;
			this.terminations.incrementAndGet();
			return true;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public ServerDescription describe() {
			throw new UnsupportedOperationException("not described in these tests");
		}

	}

}
