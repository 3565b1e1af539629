package io.oslo4j.messaging.transport.rabbit;

import java.net.InetAddress;
import java.time.Duration;

import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RabbitConnectionFactoriesTests {

	@Test
	void aBareUrlConnectsToLocalhostAsGuestOnTheDefaultVirtualHost() {
		CachingConnectionFactory factory = create("rabbit://");

		assertThat(RabbitConnectionFactories.addresses(TransportUrl.parse("rabbit://").hosts())).isEmpty();
		assertThat(factory.getVirtualHost()).isEqualTo("/");
		assertThat(factory.getUsername()).isEqualTo("guest");
		assertThat(factory.getRabbitConnectionFactory().getRequestedHeartbeat()).isEqualTo(60);
		assertThat(factory.getRabbitConnectionFactory().isSSL()).isFalse();
		assertThat(factory.getRabbitConnectionFactory().isAutomaticRecoveryEnabled()).isFalse();
		factory.destroy();
	}

	@Test
	void everyHostOfTheUrlIsAnAddressWithItsPort() {
		TransportUrl url = TransportUrl.parse("rabbit://u1:p1@h1:5673,u2:p2@[::1],h3/vh");

		assertThat(RabbitConnectionFactories.addresses(url.hosts())).containsExactly("h1:5673", "[::1]:5672", "h3:5672");
	}

	@Test
	void theVirtualHostHeartbeatAndTlsComeFromTheUrl() {
		CachingConnectionFactory factory = create("rabbit://h1/my%2Fvhost?heartbeat_timeout_threshold=15&ssl=true");

		assertThat(factory.getVirtualHost()).isEqualTo("my/vhost");
		assertThat(factory.getRabbitConnectionFactory().getRequestedHeartbeat()).isEqualTo(15);
		assertThat(factory.getRabbitConnectionFactory().isSSL()).isTrue();
		factory.destroy();
	}

	@Test
	void eachHostLogsInWithItsOwnCredentials() throws Exception {
		TransportUrl url = TransportUrl.parse("rabbit://u1:p1@127.0.0.1:5672,u2:p%40ss@localhost:5672,10.0.0.3:5673/");
		PerHostCredentialsConnectionFactory factory = new PerHostCredentialsConnectionFactory(url.hosts());

		TransportUrl.Host literal = factory.hostAt(InetAddress.getByName("127.0.0.1"), 5672);
		TransportUrl.Host named = factory.hostAt(InetAddress.getByName("localhost"), 5672);
		TransportUrl.Host anonymous = factory.hostAt(InetAddress.getByName("10.0.0.3"), 5673);

		assertThat(PerHostCredentialsConnectionFactory.username(literal)).isEqualTo("u1");
		assertThat(PerHostCredentialsConnectionFactory.password(literal)).isEqualTo("p1");
		assertThat(PerHostCredentialsConnectionFactory.username(named)).isEqualTo("u2");
		assertThat(PerHostCredentialsConnectionFactory.password(named)).isEqualTo("p@ss");
		assertThat(PerHostCredentialsConnectionFactory.username(anonymous)).isEqualTo("guest");
		assertThat(PerHostCredentialsConnectionFactory.password(anonymous)).isEqualTo("guest");
		assertThat(factory.hostAt(InetAddress.getByName("10.0.0.3"), 5672)).isNull();
	}

	@Test
	void aClusterUrlConnectsThroughTheHostWhoseCredentialsAreRight() {
		assumeLocalBroker();

		assertConnects("rabbit://bad:bad@127.0.0.1:5672,guest:guest@localhost:5672/");
		assertConnects("rabbit://guest:guest@127.0.0.1:5672,bad:bad@localhost:5672/");
		CachingConnectionFactory wrong = create("rabbit://bad:bad@127.0.0.1:5672,bad:bad@localhost:5672/");
		assertThatExceptionOfType(AmqpException.class).isThrownBy(wrong::createConnection);
		wrong.destroy();
	}

	private static void assertConnects(String url) {
		CachingConnectionFactory factory = create(url);
		try {
			Connection connection = factory.createConnection();
			assertThat(connection.isOpen()).isTrue();
		}
		finally {
			factory.destroy();
		}
	}

	private static void assumeLocalBroker() {
		RabbitTestSupport.assumeBroker();
		TransportUrl url = TransportUrl.parse(RabbitTestSupport.url());
		assumeTrue(url.hosts().size() == 1 && "localhost".equals(url.hosts().get(0).hostnameOrDefault())
				&& url.hosts().get(0).portOrDefault() == 5672 && "guest".equals(url.hosts().get(0).username()),
				"needs the broker at guest@localhost:5672");
	}

	private static CachingConnectionFactory create(String url) {
		TransportUrl parsed = TransportUrl.parse(url);
		CachingConnectionFactory factory = RabbitConnectionFactories.create(parsed, RabbitOptions.fromUrl(parsed));
		factory.setConnectionTimeout((int) Duration.ofSeconds(2).toMillis());
		return factory;
	}

}
