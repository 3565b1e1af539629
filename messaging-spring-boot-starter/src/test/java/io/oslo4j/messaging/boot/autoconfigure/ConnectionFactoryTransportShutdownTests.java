package io.oslo4j.messaging.boot.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import io.oslo4j.messaging.testsupport.LogCapture;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the application's Spring AMQP connection factory, which stops in the last lifecycle phase and
 * closes its connection then, closing the application closes the transport first: no listener loses
 * its channel, and none connects again while the application shuts down.
 */
@ExtendWith(RabbitTestSupport.class)
class ConnectionFactoryTransportShutdownTests {

	@Test
	void shouldCloseTheTransportBeforeTheConnectionFactoryStopsWhenTheApplicationCloses() {
		AtomicInteger connectionsOpened = new AtomicInteger();
		Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
		try (LogCapture logs = LogCapture.of(Level.WARN, "io.oslo4j.messaging")) {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class))
				.withUserConfiguration(EchoConfiguration.class)
				.withBean(CachingConnectionFactory.class, () -> connectionFactory(connectionsOpened))
				.withPropertyValues("messaging.server.topic=" + RabbitTestSupport.uniqueName("cf_shutdown"))
				.run((context) -> {
					RpcClient client = context.getBean(RpcClient.class);
					assertThat(client.call(RequestContext.empty(), "echo", Map.of("value", "v"), String.class))
						.isEqualTo("v");
					int openedBeforeClosing = connectionsOpened.get();

					context.close();

					List<Thread> listeners = Thread.getAllStackTraces()
						.keySet()
						.stream()
						.filter((thread) -> !threadsBefore.contains(thread)
								&& thread.getName().startsWith("oslo4j-rabbit-"))
						.toList();
					await().untilAsserted(() -> assertThat(listeners).noneMatch(Thread::isAlive));
					assertThat(connectionsOpened).hasValue(openedBeforeClosing);
				});
			assertThat(logs.text()).doesNotContain("lost its channel");
		}
	}

	private static CachingConnectionFactory connectionFactory(AtomicInteger connectionsOpened) {
		TransportUrl url = TransportUrl.parse(RabbitTestSupport.url());
		TransportUrl.Host host = url.hosts().isEmpty() ? new TransportUrl.Host(null, null, null, null)
				: url.hosts().get(0);
		CachingConnectionFactory factory = new CachingConnectionFactory(host.hostnameOrDefault(), host.portOrDefault());
		factory.setUsername((host.username() != null) ? host.username() : "guest");
		factory.setPassword((host.password() != null) ? host.password() : "guest");
		factory.setVirtualHost(RabbitTestSupport.virtualHost());
		factory.addConnectionListener((ConnectionListener) (connection) -> connectionsOpened.incrementAndGet());
		return factory;
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		EchoEndpoint echoEndpoint() {
			return new EchoEndpoint();
		}

	}

	@RpcEndpoint
	static class EchoEndpoint {

		public String echo(String value) {
			return value;
		}

	}

}
