package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.impl.AMQConnection;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.testsupport.LyingNetwork;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection that goes silent while the client waits for the broker (a partition, a dead node:
 * nothing answers, nothing resets), on a URL of two hosts, each a {@link LyingNetwork} to the same
 * broker, with oslo's default heartbeat of 60 s: the connection is found dead by the probe, long
 * before twice the heartbeat, and the next connection goes to the other host first; an idle
 * connection to the same broker is asked at once and found dead too. On a slow but live link the
 * probes are answered and the connection stays.
 */
@ExtendWith(RabbitTestSupport.class)
class SilentConnectionTests {

	private LyingNetwork one;

	private LyingNetwork two;

	private CachingConnectionFactory factory;

	@BeforeEach
	void startNetworks() {
		TransportUrl.Host broker = TransportUrl.parse(RabbitTestSupport.url()).hosts().get(0);
		this.one = LyingNetwork.to(broker.hostnameOrDefault(), broker.portOrDefault());
		this.two = LyingNetwork.to(broker.hostnameOrDefault(), broker.portOrDefault());
		TransportUrl url = TransportUrl.parse("rabbit://guest:guest@127.0.0.1:" + this.one.port()
				+ ",guest:guest@127.0.0.1:" + this.two.port() + "/?heartbeat_timeout_threshold=60");
		this.factory = RabbitConnectionFactories.create(url, RabbitOptions.fromUrl(url));
	}

	@AfterEach
	void stop() {
		this.factory.destroy();
		this.one.close();
		this.two.close();
	}

	@Test
	void aConnectionThatWroteAndHeardNothingIsAbortedByTheProbeAndTheOtherHostIsTriedFirst() throws Exception {
		Connection connection = this.factory.createConnection();
		Channel channel = connection.getDelegate().createChannel();
		LyingNetwork silent = (connection.getDelegate().getPort() == this.one.port()) ? this.one : this.two;
		LyingNetwork other = (silent == this.one) ? this.two : this.one;
		int silentAccepted = silent.accepted();

		silent.halfOpen();
		channel.basicPublish("", "no-such-queue", null, new byte[] { 1 });

		// twice the heartbeat would be 120 s
		await().atMost(Duration.ofSeconds(30)).until(() -> !connection.isOpen());
		assertThat(connection.getDelegate().getCloseReason().getCause())
			.isInstanceOf(OsloHeartbeatFrameHandler.SilentBrokerException.class)
			.hasMessageContaining("127.0.0.1:" + silent.port())
			.hasMessageContaining("though written to");

		Connection next = this.factory.createConnection();
		assertThat(next.getDelegate().getPort()).isEqualTo(other.port());
		assertThat(silent.accepted()).isEqualTo(silentAccepted);
	}

	@Test
	void anIdleConnectionToTheSameBrokerIsAskedAtOnceAndAbortedToo() throws Exception {
		Connection written = this.factory.createConnection();
		Channel channel = written.getDelegate().createChannel();
		LyingNetwork silent = (written.getDelegate().getPort() == this.one.port()) ? this.one : this.two;
		TransportUrl idleUrl = TransportUrl.parse("rabbit://guest:guest@127.0.0.1:" + silent.port()
				+ "/?heartbeat_timeout_threshold=60");
		CachingConnectionFactory idleFactory = RabbitConnectionFactories.create(idleUrl, RabbitOptions.fromUrl(idleUrl));
		try {
			Connection idle = idleFactory.createConnection();

			silent.halfOpen();
			channel.basicPublish("", "no-such-queue", null, new byte[] { 1 });

			await().atMost(Duration.ofSeconds(30)).until(() -> !written.isOpen() && !idle.isOpen());
			assertThat(idle.getDelegate().getCloseReason().getCause())
				.isInstanceOf(OsloHeartbeatFrameHandler.SilentBrokerException.class);
		}
		finally {
			idleFactory.destroy();
		}
	}

	@Test
	void onASlowButLiveLinkTheProbesAreAnsweredAndTheConnectionStaysOpen() throws Exception {
		Connection connection = this.factory.createConnection();
		Channel channel = connection.getDelegate().createChannel();
		OsloHeartbeatFrameHandler frames = (OsloHeartbeatFrameHandler) ((AMQConnection) connection.getDelegate())
			.getFrameHandler();
		this.one.latency(Duration.ofMillis(300));
		this.two.latency(Duration.ofMillis(300));

		// publishes the broker never answers, every 100 ms: every second of them has the broker probed;
		// a probe is sent only once the one before was answered, or the connection would be aborted
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			channel.basicPublish("", "no-such-queue", null, new byte[] { 1 });
			return frames.probesSent() >= 3;
		});
		assertThat(connection.isOpen()).isTrue();
	}

}
