package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe that ends a listener's back-off step once its broker accepts connections again. */
class BrokerProbeTests {

	@Test
	void aPortThatListensIsAccepting() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThat(BrokerProbe.of("127.0.0.1", server.getLocalPort()).accepting()).isTrue();
		}
	}

	@Test
	void aClosedPortIsNotAccepting() throws IOException {
		int port;
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = server.getLocalPort();
		}

		assertThat(BrokerProbe.of("127.0.0.1", port).accepting()).isFalse();
	}

	@Test
	void aConnectionRefusedUnderTheDriversWrappingIsRefused() {
		Throwable error = new MessageDeliveryFailureException("cannot connect to RabbitMQ",
				new AmqpConnectException(new ConnectException("Connection refused")));

		assertThat(BrokerProbe.refused(error)).isTrue();
	}

	@Test
	void aFailureAfterTheTcpConnectIsNotRefused() {
		Throwable error = new MessageDeliveryFailureException("cannot connect to RabbitMQ",
				new AmqpConnectException(new java.util.concurrent.TimeoutException("handshake timed out")));

		assertThat(BrokerProbe.refused(error)).isFalse();
	}

}
