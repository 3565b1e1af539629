package io.oslo4j.messaging.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.boot.rpc.RpcClientProxyFactory;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import io.oslo4j.messaging.rpc.RpcObserver;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of oslo4j messaging: the {@link Transport}, the {@link MessagingExecutor} with
 * its task executor and schedulers, an {@link RpcClient} with typed client interfaces, and an
 * {@link RpcServer} for the application's {@link RpcEndpoint @RpcEndpoint} beans. Every
 * {@link io.oslo4j.messaging.MessagingServer} bean, this one and those the application defines, is
 * started and stopped with the context. Every bean backs off when the application defines its own. The
 * {@link RpcServerConfigurer} and {@link RpcClientConfigurer} apply the {@code messaging.*}
 * properties, to these beans and to those an application builds itself; the {@code XxxCustomizer}
 * beans of each kind ({@link TransportCustomizer}, {@link RpcClientCustomizer},
 * {@link RpcServerCustomizer}) run after them, in order.
 *
 * @since 0.1
 */
@AutoConfiguration(afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass(Transport.class)
@EnableConfigurationProperties(MessagingProperties.class)
@Import(MessagingExecutorConfiguration.class)
public final class MessagingAutoConfiguration {

	/** The name of the task executor that runs endpoint methods. */
	public static final String TASK_EXECUTOR_BEAN_NAME = "messagingTaskExecutor";

	/** The name of the scheduler of {@code Mono} endpoint methods under greenio. */
	public static final String REACTIVE_SCHEDULER_BEAN_NAME = "messagingReactiveScheduler";

	/** The name of the scheduler that publishes replies. */
	public static final String REPLY_SCHEDULER_BEAN_NAME = "messagingReplyScheduler";

	private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	@ConfigurationPropertiesBinding
	static ExecutorKindConverter messagingExecutorKindConverter() {
		return new ExecutorKindConverter();
	}

	@Bean
	@ConfigurationPropertiesBinding
	static NotificationDriverConverter messagingNotificationDriverConverter() {
		return new NotificationDriverConverter();
	}

	/** Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}, which bounds every drain. */
	static Duration shutdownTimeout(Environment environment) {
		return Binder.get(environment)
			.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_SHUTDOWN_TIMEOUT);
	}

	@Configuration(proxyBeanMethods = false)
	static class TransportConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		Transport messagingTransport(MessagingProperties properties, ObjectProvider<ConnectionFactory> connectionFactory,
				ObjectProvider<TransportCustomizer> customizers) {
			TransportOptions options = TransportOptions.of(properties, customizers);
			String url = properties.getTransportUrl();
			if (StringUtils.hasText(url)) {
				return options.open(url.trim());
			}
			ConnectionFactory factory = connectionFactory.getIfUnique();
			if (factory == null) {
				throw new MessagingConfigurationException("No transport for oslo4j messaging: messaging.transport-url "
						+ "is not set, and there is no single Spring AMQP ConnectionFactory bean to use instead.",
						"Either set messaging.transport-url (for example rabbit://user:pass@host:5672/ or fake://), or "
								+ "define a single Spring AMQP ConnectionFactory bean (spring.rabbitmq.* configures "
								+ "Spring Boot's).");
			}
			return ConnectionFactoryTransport.open(factory, options);
		}

		@Bean
		@Conditional(ConnectionFactoryTransportShutdown.OnNoTransportUrl.class)
		@ConditionalOnBean(ConnectionFactory.class)
		@ConditionalOnMissingBean(name = "messagingTransportShutdown")
		ConnectionFactoryTransportShutdown messagingTransportShutdown(Transport transport, ApplicationContext context) {
			return new ConnectionFactoryTransportShutdown(transport, context);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RpcClientConfigurer rpcClientConfigurer(MessagingProperties properties, ObjectProvider<RpcObserver> observer) {
			RpcClientConfigurer configurer = new RpcClientConfigurer(properties);
			configurer.setObserver(observer.getIfUnique());
			return configurer;
		}

		@Bean
		@ConditionalOnMissingBean
		RpcClient rpcClient(Transport transport, MessagingProperties properties, RpcClientConfigurer configurer,
				ObjectProvider<RpcClientCustomizer> customizers) {
			String topic = StringUtils.hasText(properties.getClient().getTopic()) ? properties.getClient().getTopic()
					: properties.getServer().getTopic();
			Target target = StringUtils.hasText(topic) ? Target.topic(topic) : Target.empty();
			RpcClient.Builder builder = configurer.configure(RpcClient.builder(transport, target));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean
		RpcClientProxyFactory rpcClientProxyFactory(RpcClient rpcClient, Transport transport,
				ConfigurableListableBeanFactory beanFactory) {
			return new RpcClientProxyFactory(rpcClient, transport.envelope().mapper(), beanFactory::resolveEmbeddedValue);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RpcServerConfigurer rpcServerConfigurer(MessagingProperties properties, MessagingExecutor executor,
				ObjectProvider<RpcObserver> observer) {
			RpcServerConfigurer configurer = new RpcServerConfigurer(properties, executor);
			configurer.setObserver(observer.getIfUnique());
			return configurer;
		}

		/**
		 * Starts every server bean, this configuration's and the application's own; looking them up at
		 * start rather than by condition keeps it independent of the order of bean definitions.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "messagingServersLifecycle")
		MessagingServersLifecycle messagingServersLifecycle(ConfigurableListableBeanFactory beanFactory,
				Environment environment) {
			return new MessagingServersLifecycle(beanFactory, shutdownTimeout(environment));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "messaging.server.enabled", matchIfMissing = true)
	@ConditionalOnBean(annotation = RpcEndpoint.class)
	static class EndpointServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RpcServer rpcServer(Transport transport, MessagingProperties properties, RpcServerConfigurer configurer,
				ApplicationContext context, ObjectProvider<RpcServerCustomizer> customizers) {
			MessagingProperties.Server server = properties.getServer();
			List<String> names = List.of(context.getBeanNamesForAnnotation(RpcEndpoint.class));
			if (!StringUtils.hasText(server.getTopic())) {
				throw new MessagingConfigurationException("The application has @RpcEndpoint beans " + names
						+ " but no topic to serve them on: messaging.server.topic is not set.",
						"Either set messaging.server.topic (for example messaging.server.topic=compute), or set "
								+ "messaging.server.enabled=false to serve none.");
			}
			List<Object> endpoints = new ArrayList<>(context.getBeansWithAnnotation(RpcEndpoint.class).values());
			AnnotationAwareOrderComparator.sort(endpoints);
			Target target = Target.topic(server.getTopic()).withServer(ServerName.of(server));
			RpcServer.Builder builder = configurer.configure(RpcServer.builder(transport, target))
				.endpoints(endpoints.toArray());
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

	}

}
