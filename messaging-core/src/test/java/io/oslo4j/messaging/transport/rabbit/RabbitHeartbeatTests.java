package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.Map;

import com.rabbitmq.client.MissedHeartbeatException;
import com.rabbitmq.client.ShutdownSignalException;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.testsupport.ThrowawayBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * heartbeat_timeout_threshold and heartbeat_rate as oslo applies them: the heartbeat asked of the
 * broker (0 for none, as py-amqp asks), and a connection that hears nothing for twice the
 * heartbeat found dead by oslo's rule before amqp-client's own. On a node of the test's own, which
 * the test freezes.
 */
class RabbitHeartbeatTests {

	private static ThrowawayBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = ThrowawayBroker.builder("heartbeat").start();
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void theHeartbeatAskedOfTheBrokerIsHeartbeatTimeoutThresholdAsPyAmqpAsks() {
		assertThat(timeoutOfAConnection(Map.of())).isEqualTo("60");
		assertThat(timeoutOfAConnection(Map.of("heartbeat_timeout_threshold", "7"))).isEqualTo("7");
	}

	@Test
	void zeroAsksForNoHeartbeatsThoughTheBrokerProposesSome() {
		assertThat(timeoutOfAConnection(Map.of("heartbeat_timeout_threshold", "0"))).isEqualTo("0");
	}

	@Test
	void aConnectionThatHearsNothingForTwiceTheHeartbeatIsDeadByOslosRule() {
		CachingConnectionFactory factory = factory(Map.of("heartbeat_timeout_threshold", "2", "heartbeat_rate", "4"));
		try {
			Connection connection = factory.createConnection();
			broker.freeze();
			try {
				await().atMost(Duration.ofSeconds(30)).until(() -> !connection.isOpen());
			}
			finally {
				broker.thaw();
			}
			ShutdownSignalException reason = connection.getDelegate().getCloseReason();
			assertThat(reason.getCause()).isInstanceOf(MissedHeartbeatException.class)
				.hasMessage("nothing from the broker for twice the heartbeat of 2 s (heartbeat_timeout_threshold): "
						+ "the connection is dead");
		}
		finally {
			factory.destroy();
		}
	}

	/** What the broker lists as the heartbeat timeout of a connection made with these options. */
	private static String timeoutOfAConnection(Map<String, String> options) {
		CachingConnectionFactory factory = factory(options);
		try {
			Connection connection = factory.createConnection();
			String name = "127.0.0.1:" + connection.getLocalPort() + " ";
			for (String line : broker.ctl("-q", "--no-table-headers", "list_connections", "name", "timeout")
				.split("\n")) {
				if (line.startsWith(name)) {
					return line.substring(line.lastIndexOf('\t') + 1).trim();
				}
			}
			throw new AssertionError("the broker lists no connection " + name);
		}
		finally {
			factory.destroy();
		}
	}

	private static CachingConnectionFactory factory(Map<String, String> options) {
		TransportUrl url = TransportUrl.parse(broker.url(options));
		return RabbitConnectionFactories.create(url, RabbitOptions.fromUrl(url));
	}

}
