package io.oslo4j.messaging.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.LyingNetwork;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17's partition, in small: a caller whose URL names two hosts (two {@link LyingNetwork}s to
 * the same broker) with oslo's default heartbeat of 60 s, in a stream of calls, when the host its
 * connections are on goes silent (no reset, no close). Its connections are found dead by the
 * silence watch, not after twice the heartbeat (2 minutes), and reconnect to the other host first:
 * calls are answered again, the calls in flight meanwhile ended within their timeout.
 */
@ExtendWith(RabbitTestSupport.class)
class SilentHostFailoverTests {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

	private final Set<Integer> castsServed = ConcurrentHashMap.newKeySet();

	private final Set<Integer> notificationsHandled = ConcurrentHashMap.newKeySet();

	private LyingNetwork one;

	private LyingNetwork two;

	private String topic;

	private Transport serverSide;

	private Transport clientSide;

	private MessagingExecutor listenerExecutor;

	private RpcServer server;

	private NotificationListener listener;

	private Load load;

	@BeforeEach
	void start() {
		TransportUrl.Host broker = TransportUrl.parse(RabbitTestSupport.url()).hosts().get(0);
		this.one = LyingNetwork.to(broker.hostnameOrDefault(), broker.portOrDefault());
		this.two = LyingNetwork.to(broker.hostnameOrDefault(), broker.portOrDefault());
		this.topic = "silent-" + MessageIds.newHexId().substring(0, 10);
		this.serverSide = Transport.open(RabbitTestSupport.url());
		this.clientSide = Transport.open("rabbit://guest:guest@127.0.0.1:" + this.one.port() + ",guest:guest@127.0.0.1:"
				+ this.two.port() + "/?heartbeat_timeout_threshold=60");
		this.server = RpcServer.builder(this.serverSide, Target.topic(this.topic).withServer("s1"))
			.endpoint(new BrokerOutageTests.Service(this.castsServed))
			.executor(ExecutorKind.EVENTLET)
			.build();
		this.listenerExecutor = MessagingExecutors.create(ExecutorKind.EVENTLET);
		this.listener = NotificationListener.builder(this.serverSide)
			.target(Target.topic(this.topic))
			.endpoint(new BrokerOutageTests.Recorder(this.notificationsHandled))
			.executor(this.listenerExecutor)
			.build();
		this.server.start();
		this.listener.start();
		RpcClient client = RpcClient.create(this.clientSide, Target.topic(this.topic)).withTimeout(CALL_TIMEOUT);
		Notifier notifier = Notifier.builder(this.clientSide).publisherId("silent").topics(this.topic).build();
		this.load = new Load(client, notifier);
		assertThat(client.call(RequestContext.empty(), "echo", Map.of("value", -1), Integer.class)).isEqualTo(-1);
	}

	@AfterEach
	void stop() {
		this.load.stop(Duration.ofSeconds(60));
		this.server.shutdown(Duration.ofSeconds(10));
		this.listener.awaitTermination(Duration.ofSeconds(10));
		this.listenerExecutor.disposeGracefully().block(Duration.ofSeconds(10));
		this.clientSide.close();
		this.serverSide.close();
		this.one.close();
		this.two.close();
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".s1", this.topic + ".info"),
				List.of(this.topic + "_fanout"));
	}

	@Test
	void callsResumeOnTheOtherHostLongBeforeTwiceTheHeartbeat() {
		this.load.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.load.callsSucceeded() >= 20);
		LyingNetwork silent = (this.one.accepted() >= this.two.accepted()) ? this.one : this.two;
		LyingNetwork other = (silent == this.one) ? this.two : this.one;
		int otherBefore = other.accepted();
		int silentBefore = silent.accepted();

		silent.halfOpen();
		long callsBefore = this.load.callsSucceeded();

		// twice the heartbeat would be 120 s
		await().atMost(Duration.ofSeconds(60)).until(() -> this.load.callsSucceeded() >= callsBefore + 20
				&& other.accepted() > otherBefore);
		this.load.stop(Duration.ofSeconds(60));
		assertThat(silent.accepted()).as("connections made to the host that went silent").isEqualTo(silentBefore);
		assertThat(this.load.callOutcomes()).allSatisfy((call) -> {
			if (call.error() != null) {
				assertThat(call.error()).as("call %s", call).isInstanceOf(MessagingTimeoutException.class);
			}
		});
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.notificationsHandled).containsAll(this.load.notificationsConfirmed()));
	}

}
