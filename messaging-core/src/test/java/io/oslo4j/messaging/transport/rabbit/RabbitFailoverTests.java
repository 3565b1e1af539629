package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

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
 * kombu_failover_strategy=round-robin over real sockets: a host that refuses is passed over for
 * the next one in order, and after a connection loss the host connected to is tried first again,
 * as kombu does (not the next one, as Spring's own address rotation would). One node of the test's
 * own listens on two ports, which stand for two hosts; a third port refuses connections.
 */
class RabbitFailoverTests {

	private static int secondPort;

	private static int closedPort;

	private static ThrowawayBroker broker;

	@BeforeAll
	static void startBroker() throws IOException {
		secondPort = freePort();
		closedPort = freePort();
		broker = ThrowawayBroker.builder("failover").config("listeners.tcp.2 = 127.0.0.1:" + secondPort).start();
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void aRefusingHostIsPassedOverForTheNextInOrder() {
		TransportUrl url = TransportUrl.parse("rabbit://guest:guest@localhost:" + closedPort + ",guest:guest@localhost:"
				+ broker.port() + ",guest:guest@localhost:" + secondPort + "/");
		// Collections.shuffle swaps [2] with [2], then [1] with [1]: the URL's order stays
		CachingConnectionFactory factory = RabbitConnectionFactories.create(url, RabbitOptions.fromUrl(url),
				new FailoverAddressesTests.Scripted(2, 1));
		try {
			assertThat(factory.createConnection().getDelegate().getPort()).isEqualTo(broker.port());
		}
		finally {
			factory.destroy();
		}
	}

	@Test
	void afterAConnectionLossTheHostConnectedToIsTriedFirstAgain() {
		TransportUrl url = TransportUrl.parse("rabbit://guest:guest@localhost:" + broker.port() + ",guest:guest@localhost:"
				+ secondPort + "/");
		// Collections.shuffle swaps [1] with [1]: the URL's order stays
		CachingConnectionFactory factory = RabbitConnectionFactories.create(url, RabbitOptions.fromUrl(url),
				new FailoverAddressesTests.Scripted(1));
		try {
			Connection first = factory.createConnection();
			assertThat(first.getDelegate().getPort()).isEqualTo(broker.port());

			broker.ctl("close_connection", pidOf(first), "failover test");
			await().until(() -> !first.isOpen());
			Connection second = factory.createConnection();

			assertThat(second.getDelegate().getPort()).as("the host connected to before, not the next one")
				.isEqualTo(broker.port());
		}
		finally {
			factory.destroy();
		}
	}

	/** The broker's process id of a connection, which close_connection takes. */
	private static String pidOf(Connection connection) {
		String name = "127.0.0.1:" + connection.getLocalPort() + " ";
		for (String line : broker.ctl("-q", "--no-table-headers", "list_connections", "name", "pid").split("\n")) {
			if (line.startsWith(name)) {
				return line.substring(line.lastIndexOf('\t') + 1).trim();
			}
		}
		throw new AssertionError("the broker lists no connection " + name);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
