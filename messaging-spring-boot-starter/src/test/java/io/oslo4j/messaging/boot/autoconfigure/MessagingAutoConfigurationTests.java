package io.oslo4j.messaging.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.InvalidTransportUrlException;
import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.boot.rpc.RpcClientProxyFactory;
import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationDriver;
import io.oslo4j.messaging.rpc.AccessPolicy;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class));

	private ApplicationContextRunner onFakeTransport() {
		return this.contextRunner.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl());
	}

	@Test
	void shouldOpenTheTransportOfTheUrlWhenOneIsSet() {
		onFakeTransport().run((context) -> {
			assertThat(context).hasSingleBean(Transport.class);
			assertThat(context.getBean(Transport.class).driver().controlExchange()).isEqualTo("openstack");
			assertThat(context.getBean(Transport.class).driver().isConnected()).isTrue();
		});
	}

	@Test
	void shouldApplyTheControlExchangeWhenTheUrlNamesNone() {
		onFakeTransport().withPropertyValues("messaging.control-exchange=nova").run((context) -> assertThat(
				context.getBean(Transport.class).driver().controlExchange()).isEqualTo("nova"));
	}

	@Test
	void shouldPreferTheUrlsOptionWhenTheUrlAndAPropertyBothSetIt() {
		this.contextRunner
			.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl() + "?control_exchange=glance",
					"messaging.control-exchange=nova")
			.run((context) -> assertThat(context.getBean(Transport.class).driver().controlExchange()).isEqualTo("glance"));
	}

	@Test
	void shouldFailWithTheParseErrorWhenTheTransportUrlIsMalformed() {
		this.contextRunner.withPropertyValues("messaging.transport-url=localhost:5672").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidTransportUrlException.class)
				.hasMessageContaining("localhost:5672")
				.hasMessageContaining("driver://");
		});
	}

	@Test
	void shouldFailWithTheDriverErrorWhenTheTransportUrlNamesAnUnknownDriver() {
		this.contextRunner.withPropertyValues("messaging.transport-url=zmq://host/").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidTransportUrlException.class)
				.hasMessageContaining("no transport driver for 'zmq'");
		});
	}

	@Test
	void shouldAskForATransportUrlWhenThereIsNeitherAUrlNorAConnectionFactory() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("set messaging.transport-url");
		});
	}

	@Test
	void shouldOpenARabbitTransportOnTheConnectionFactoryWhenNoUrlIsSet() {
		this.contextRunner.withUserConfiguration(ConnectionFactoryConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(Transport.class);
			assertThat(context.getBean(Transport.class).driver())
				.isInstanceOf(io.oslo4j.messaging.transport.rabbit.RabbitDriver.class);
		});
	}

	@Test
	void shouldPreferTheTransportUrlWhenAConnectionFactoryIsAlsoDefined() {
		onFakeTransport().withUserConfiguration(ConnectionFactoryConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Transport.class));
	}

	@Test
	void shouldBackOffWhenTheApplicationDefinesATransport() {
		this.contextRunner.withUserConfiguration(UserTransportConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Transport.class);
			assertThat(context.getBean(Transport.class)).isSameAs(context.getBean("userTransport"));
		});
	}

	@Test
	void shouldUseEventletWhenNoExecutorIsSet() {
		onFakeTransport().run((context) -> assertThat(context.getBean(MessagingExecutor.class).kind())
			.isEqualTo(ExecutorKind.EVENTLET));
	}

	@Test
	void shouldUseGreenioWhenTheExecutorIsGreenioInAnyCase() {
		onFakeTransport().withPropertyValues("messaging.executor=GreenIO")
			.run((context) -> assertThat(context.getBean(MessagingExecutor.class).kind()).isEqualTo(ExecutorKind.GREENIO));
	}

	@Test
	void shouldFailWithTheAllowedExecutorsWhenTheExecutorIsUnknown() {
		onFakeTransport().withPropertyValues("messaging.executor=gevent").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Unknown executor 'gevent'")
				.hasMessageContaining("eventlet, greenio")
				.hasMessageContaining("threading");
		});
	}

	@Test
	void shouldUseEventletWhenTheExecutorIsOslo16sThreading() {
		onFakeTransport().withPropertyValues("messaging.executor=threading")
			.run((context) -> assertThat(context.getBean(MessagingExecutor.class).kind()).isEqualTo(ExecutorKind.EVENTLET));
	}

	@Test
	void shouldRunEndpointsOnAPlatformThreadPoolOfThePoolSizeByDefault() {
		onFakeTransport().withPropertyValues("messaging.server.pool-size=8").run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean(MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME,
					ThreadPoolTaskExecutor.class);
			assertThat(executor.getCorePoolSize()).isEqualTo(8);
			assertThat(executor.getMaxPoolSize()).isEqualTo(8);
			assertThat(executor.getThreadNamePrefix()).isEqualTo("oslo4j-worker-");
		});
	}

	@Test
	void shouldSizeThePoolAndTheServersInFlightBoundByTheExecutorThreadPoolSize() {
		onFakeTransport().withBean(ComputeEndpoint.class)
			.withPropertyValues("messaging.executor-thread-pool-size=4", "messaging.server.pool-size=8",
					"messaging.server.topic=compute")
			.run((context) -> {
				ThreadPoolTaskExecutor executor = context.getBean(MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME,
						ThreadPoolTaskExecutor.class);
				assertThat(executor.getMaxPoolSize()).isEqualTo(4);
				assertThat(context.getBean(RpcServer.class).describe().lanes()).first()
					.isEqualTo(new ServerDescription.Lane(ServerDescription.WORKER_LANE, 0, 4));
			});
	}

	@Test
	void shouldRunSixtyFourWorkersAsOsloWhenNoPoolSizeIsSet() {
		onFakeTransport().run((context) -> assertThat(context
			.getBean(MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME, ThreadPoolTaskExecutor.class)
			.getMaxPoolSize()).isEqualTo(64));
	}

	@Test
	void shouldFailNamingTheOptionWhenTheExecutorThreadPoolSizeIsZero() {
		onFakeTransport().withPropertyValues("messaging.executor-thread-pool-size=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("messaging.executor-thread-pool-size")
				.hasMessageContaining("executor_thread_pool_size=0")
				.hasMessageContaining("must be at least 1");
		});
	}

	@Test
	void shouldAnswerOslosPingWithPongWhenRpcPingIsEnabled() {
		onFakeTransport().withBean(ComputeEndpoint.class)
			.withPropertyValues("messaging.server.topic=compute", "messaging.rpc-ping-enabled=true")
			.run((context) -> assertThat(context.getBean(RpcClient.class)
				.call(RequestContext.empty(), "oslo_rpc_server_ping", Map.of(), String.class)).isEqualTo("pong"));
	}

	@Test
	void shouldNotAnswerOslosPingByDefault() {
		onFakeTransport().withBean(ComputeEndpoint.class)
			.withPropertyValues("messaging.server.topic=compute", "messaging.rpc-response-timeout=5")
			.run((context) -> assertThatThrownBy(() -> context.getBean(RpcClient.class)
				.call(RequestContext.empty(), "oslo_rpc_server_ping", Map.of(), String.class))
				.isInstanceOf(RemoteException.class));
	}

	@Test
	void shouldBindOslosOptionNamesWrittenWithUnderscoresAsInAnOsloFile() {
		onFakeTransport()
			.withPropertyValues("messaging.rabbit.rabbit_quorum_queue=true", "messaging.rabbit.rabbit-stream-fanout=yes",
					"messaging.rabbit.heartbeat_timeout_threshold=30", "messaging.rpc_response_timeout=90")
			.run((context) -> {
				MessagingProperties properties = context.getBean(MessagingProperties.class);
				assertThat(TransportOptions.of(properties).all()).containsEntry("rabbit_quorum_queue", "true")
					.containsEntry("rabbit_stream_fanout", "true")
					.containsEntry("heartbeat_timeout_threshold", "30")
					.hasSize(3);
				assertThat(context.getBean(RpcClient.class).timeout()).isEqualTo(Duration.ofSeconds(90));
			});
	}

	@Test
	void shouldFailNamingThePropertyAndValueWhenAnOptionHasTheWrongType() {
		onFakeTransport().withPropertyValues("messaging.rabbit.rabbit-qos-prefetch-count=many").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("messaging.rabbit.rabbit-qos-prefetch-count")
				.hasStackTraceContaining("many");
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void shouldRunEndpointsOnVirtualThreadsWhenVirtualThreadsAreEnabled() {
		onFakeTransport().withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(context.getBean(MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME))
				.isInstanceOf(VirtualThreadTaskExecutor.class));
	}

	@Test
	void shouldBackOffWhenTheApplicationDefinesTheTaskExecutorAndSchedulers() {
		onFakeTransport().withUserConfiguration(UserExecutorConfiguration.class).run((context) -> {
			assertThat(context.getBean(MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME))
				.isInstanceOf(SyncTaskExecutor.class);
			assertThat(context.getBean(MessagingAutoConfiguration.REPLY_SCHEDULER_BEAN_NAME))
				.isSameAs(UserExecutorConfiguration.REPLY);
			assertThat(context).hasSingleBean(MessagingExecutor.class);
		});
	}

	@Test
	void shouldBackOffWhenTheApplicationDefinesAMessagingExecutor() {
		onFakeTransport().withUserConfiguration(UserMessagingExecutorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(MessagingExecutor.class);
			assertThat(context.getBean(MessagingExecutor.class)).isSameAs(context.getBean("userExecutor"));
		});
	}

	@Test
	void shouldDisposeTheSchedulersItCreatedWhenTheContextCloses() {
		Scheduler[] schedulers = new Scheduler[2];
		onFakeTransport().run((context) -> {
			schedulers[0] = context.getBean(MessagingAutoConfiguration.REACTIVE_SCHEDULER_BEAN_NAME, Scheduler.class);
			schedulers[1] = context.getBean(MessagingAutoConfiguration.REPLY_SCHEDULER_BEAN_NAME, Scheduler.class);
			assertThat(schedulers[0].isDisposed()).isFalse();
		});
		assertThat(schedulers).allMatch(Scheduler::isDisposed);
	}

	@Test
	void shouldLeaveTheApplicationsSchedulersAloneWhenTheContextCloses() {
		onFakeTransport().withUserConfiguration(UserExecutorConfiguration.class).run((context) -> {
		});
		assertThat(UserExecutorConfiguration.REPLY.isDisposed()).isFalse();
	}

	@Test
	void shouldSendToTheClientTopicWhenOneIsSet() {
		onFakeTransport().withPropertyValues("messaging.client.topic=compute", "messaging.server.topic=scheduler")
			.run((context) -> assertThat(context.getBean(RpcClient.class).target()).isEqualTo(Target.topic("compute")));
	}

	@Test
	void shouldSendToTheServerTopicWhenNoClientTopicIsSet() {
		onFakeTransport().withPropertyValues("messaging.server.topic=scheduler")
			.run((context) -> assertThat(context.getBean(RpcClient.class).target()).isEqualTo(Target.topic("scheduler")));
	}

	@Test
	void shouldCreateAClientWithoutTopicWhenNoTopicIsSet() {
		onFakeTransport().run((context) -> {
			assertThat(context.getBean(RpcClient.class).target()).isEqualTo(Target.empty());
			assertThat(context).hasSingleBean(RpcClientProxyFactory.class);
		});
	}

	@Test
	void shouldApplyTheClientTimeoutWhenSet() {
		onFakeTransport().withPropertyValues("messaging.client.timeout=5s")
			.run((context) -> assertThat(context.getBean(RpcClient.class).timeout()).isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void shouldWaitSixtySecondsForARepliesWhenNoTimeoutIsSet() {
		onFakeTransport().run(
				(context) -> assertThat(context.getBean(RpcClient.class).timeout()).isEqualTo(Duration.ofSeconds(60)));
	}

	@Test
	void shouldWaitTheRpcResponseTimeoutInSecondsAsOsloWritesIt() {
		onFakeTransport().withPropertyValues("messaging.rpc-response-timeout=120")
			.run((context) -> assertThat(context.getBean(RpcClient.class).timeout()).isEqualTo(Duration.ofSeconds(120)));
	}

	@Test
	void shouldPreferTheRpcResponseTimeoutToItsDeprecatedAlias() {
		onFakeTransport().withPropertyValues("messaging.rpc-response-timeout=30s", "messaging.client.timeout=5s")
			.run((context) -> assertThat(context.getBean(RpcClient.class).timeout()).isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void shouldFailNamingTheOptionWhenTheRpcResponseTimeoutIsNegative() {
		onFakeTransport().withPropertyValues("messaging.rpc-response-timeout=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("messaging.rpc-response-timeout")
				.hasMessageContaining("rpc_response_timeout=-1")
				.hasMessageContaining("must be at least 0");
		});
	}

	@Test
	void shouldApplyClientCustomizersWhenDefined() {
		onFakeTransport().withBean(RpcClientCustomizer.class, () -> (builder) -> builder.timeout(Duration.ofSeconds(7)))
			.run((context) -> assertThat(context.getBean(RpcClient.class).timeout()).isEqualTo(Duration.ofSeconds(7)));
	}

	@Test
	void shouldBackOffWhenTheApplicationDefinesAnRpcClient() {
		onFakeTransport().withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(RpcClient.class);
			assertThat(context.getBean(RpcClient.class).target()).isEqualTo(Target.topic("mine"));
		});
	}

	@Test
	void shouldCreateNoServerWhenTheApplicationHasNoEndpoints() {
		onFakeTransport().withPropertyValues("messaging.server.topic=compute").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(RpcServer.class);
		});
	}

	@Test
	void shouldCreateNoServerWhenTheServerIsDisabled() {
		onFakeTransport().withBean(ComputeEndpoint.class)
			.withPropertyValues("messaging.server.topic=compute", "messaging.server.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RpcServer.class));
	}

	@Test
	void shouldFailNamingTheEndpointsWhenEndpointsExistButNoTopicIsSet() {
		onFakeTransport().withBean("computeEndpoint", ComputeEndpoint.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("computeEndpoint")
				.hasMessageContaining("set messaging.server.topic");
		});
	}

	@Test
	void shouldServeTheEndpointsWhenATopicIsSet() {
		onFakeTransport().withBean(ComputeEndpoint.class)
			.withPropertyValues("messaging.server.topic=compute", "messaging.server.name=compute-1")
			.run((context) -> {
				RpcServer server = context.getBean(RpcServer.class);
				assertThat(server.target()).isEqualTo(Target.topic("compute").withServer("compute-1"));
				assertThat(server.isRunning()).isTrue();
				assertThat(server.isConsuming()).isTrue();
			});
	}

	@Test
	void shouldNameTheServerAfterTheHostWhenNoNameIsSet() {
		onFakeTransport().withBean(ComputeEndpoint.class).withPropertyValues("messaging.server.topic=compute")
			.run((context) -> assertThat(context.getBean(RpcServer.class).target().server()).isNotBlank());
	}

	@Test
	void shouldStopTheServerWhenTheContextCloses() {
		RpcServer[] server = new RpcServer[1];
		onFakeTransport().withBean(ComputeEndpoint.class).withPropertyValues("messaging.server.topic=compute")
			.run((context) -> server[0] = context.getBean(RpcServer.class));
		assertThat(server[0].isRunning()).isFalse();
		assertThat(server[0].isConsuming()).isFalse();
	}

	@Test
	void shouldApplyServerCustomizersWhenDefined() {
		onFakeTransport().withBean(ComputeEndpoint.class)
			.withBean(RpcServerCustomizer.class, () -> (builder) -> builder.accessPolicy(AccessPolicy.EXPLICIT))
			.withPropertyValues("messaging.server.topic=compute", "messaging.client.timeout=5s")
			.run((context) -> assertThatThrownBy(() -> context.getBean(RpcClient.class)
				.withNamespace("compute")
				.withVersion("2.0")
				.call(RequestContext.empty(), "count", Map.of("value", "abc")))
				.isInstanceOfSatisfying(RemoteException.class,
						(ex) -> assertThat(ex.getExcType()).isEqualTo("NoSuchMethod")));
	}

	@Test
	void shouldBackOffWhenTheApplicationDefinesAnRpcServer() {
		onFakeTransport().withBean(ComputeEndpoint.class)
			.withUserConfiguration(UserServerConfiguration.class)
			.withPropertyValues("messaging.server.topic=compute")
			.run((context) -> {
				assertThat(context).hasSingleBean(RpcServer.class);
				assertThat(context.getBean(RpcServer.class).target().topic()).isEqualTo("mine");
				assertThat(context.getBean(RpcServer.class).isRunning()).isTrue();
			});
	}

	@Test
	void shouldBindTheNotificationPropertiesWhenSet() {
		onFakeTransport()
			.withPropertyValues("messaging.notification.topics=notifications,audit",
					"messaging.notification.publisher-id=compute.host-1", "messaging.notification.pool=auditors",
					"messaging.notification.allow-requeue=true")
			.run((context) -> {
				MessagingProperties properties = context.getBean(MessagingProperties.class);
				assertThat(properties.getNotification().getTopics()).containsExactly("notifications", "audit");
				assertThat(properties.getNotification().getDriver()).containsExactly(NotificationDriver.MESSAGING_V2);
				assertThat(properties.getNotification().isAllowRequeue()).isTrue();
			});
	}

	@Test
	void shouldStillBindTheRabbitPropertiesOfVersionOneUnderOslosNames() {
		onFakeTransport()
			.withPropertyValues("messaging.rabbit.quorum-queue=true", "messaging.rabbit.quorum-delivery-limit=5",
					"messaging.rabbit.transient-queues-ttl=10m", "messaging.rabbit.missing-consumer-retry-timeout=1500ms",
					"messaging.rabbit.prefetch-count=10", "messaging.rabbit.durable-queues=true",
					"messaging.rabbit.auto-delete=false", "messaging.rabbit.ha-queues=false")
			.run((context) -> assertThat(TransportOptions.of(context.getBean(MessagingProperties.class)).all())
				.containsEntry("rabbit_quorum_queue", "true")
				.containsEntry("rabbit_quorum_delivery_limit", "5")
				.containsEntry("rabbit_transient_queues_ttl", "600")
				.containsEntry("kombu_missing_consumer_retry_timeout", "1.5")
				.containsEntry("rabbit_qos_prefetch_count", "10")
				.containsEntry("amqp_durable_queues", "true")
				.containsEntry("amqp_auto_delete", "false")
				.containsEntry("rabbit_ha_queues", "false")
				.doesNotContainKey("control_exchange"));
	}

	@Test
	void shouldReadABareNumberAsSecondsUnderOslosNameAndAsMillisecondsUnderTheDeprecatedOne() {
		onFakeTransport().withPropertyValues("messaging.rabbit.rabbit-transient-queues-ttl=1800",
				"messaging.rabbit.missing-consumer-retry-timeout=1500")
			.run((context) -> assertThat(TransportOptions.of(context.getBean(MessagingProperties.class)).all())
				.containsEntry("rabbit_transient_queues_ttl", "1800")
				.containsEntry("kombu_missing_consumer_retry_timeout", "1.5"));
	}

	@Test
	void shouldDefaultTheNotificationTopicsToNotifications() {
		onFakeTransport().run((context) -> assertThat(
				context.getBean(MessagingProperties.class).getNotification().getTopics()).isEqualTo(List.of("notifications")));
	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionFactoryConfiguration {

		@Bean
		ConnectionFactory connectionFactory() {
			return new CachingConnectionFactory("localhost");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTransportConfiguration {

		@Bean
		Transport userTransport() {
			return Transport.open(TestUrls.uniqueFakeUrl());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserExecutorConfiguration {

		static final Scheduler REPLY = Schedulers.newSingle("user-reply");

		@Bean(MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME)
		TaskExecutor userTaskExecutor() {
			return new SyncTaskExecutor();
		}

		@Bean(name = MessagingAutoConfiguration.REPLY_SCHEDULER_BEAN_NAME, destroyMethod = "")
		Scheduler userReplyScheduler() {
			return REPLY;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMessagingExecutorConfiguration {

		@Bean(destroyMethod = "disposeGracefully")
		MessagingExecutor userExecutor() {
			return MessagingExecutors.create(ExecutorKind.GREENIO);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		RpcClient userClient(Transport transport) {
			return RpcClient.create(transport, Target.topic("mine"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserServerConfiguration {

		@Bean
		RpcServer userServer(Transport transport, ComputeEndpoint endpoint) {
			return RpcServer.builder(transport, Target.topic("mine").withServer("me")).endpoint(endpoint).build();
		}

	}

}
