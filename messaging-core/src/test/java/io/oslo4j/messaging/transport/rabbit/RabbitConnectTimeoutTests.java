package io.oslo4j.messaging.transport.rabbit;

import io.oslo4j.messaging.TransportUrl;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long one connection attempt may take: kombu's {@code connect_timeout}, 5 s, which
 * oslo.messaging leaves as it is. A host that went silent (a partition, a power loss) answers no
 * SYN; oslo gives up on it after 5 s and tries the next host, while a connection with
 * amqp-client's own 60 s waits until the host is back or the minute is over. Seen in
 * {@code messaging-benchmarks cluster-failover --fault partition}: with the cut-off node first in
 * a connection's failover order, the Java listeners and callers reconnected only once the
 * partition healed (20 s), the Python ones after 5 s.
 */
class RabbitConnectTimeoutTests {

	@Test
	void aConnectionAttemptGivesUpAfterKombusConnectTimeout() {
		TransportUrl url = TransportUrl.parse("rabbit://h1,h2,h3/");
		CachingConnectionFactory factory = RabbitConnectionFactories.create(url, RabbitOptions.fromUrl(url));
		try {
			assertThat(factory.getRabbitConnectionFactory().getConnectionTimeout()).isEqualTo(5000);
		}
		finally {
			factory.destroy();
		}
	}

}
