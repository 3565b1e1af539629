package io.oslo4j.messaging.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
import io.oslo4j.messaging.testsupport.Figures;
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
 * A network that lies, between oslo4j and the broker ({@link LyingNetwork}): added latency, every
 * connection reset in the middle of a stream of calls, and connections that go silent without
 * closing. Server, listener and client all connect through it; with calls, casts and notifications
 * flowing, every call ends within its timeout, the transports reconnect by themselves, and every
 * notification the broker confirmed is handled.
 */
@ExtendWith(RabbitTestSupport.class)
class NetworkFaultTests {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

	private final Set<Integer> notificationsHandled = ConcurrentHashMap.newKeySet();

	private final Set<Integer> castsServed = ConcurrentHashMap.newKeySet();

	private LyingNetwork network;

	private String topic;

	private Transport serverSide;

	private Transport clientSide;

	private MessagingExecutor listenerExecutor;

	private RpcServer server;

	private NotificationListener listener;

	private RpcClient client;

	private Load load;

	private long faultAt;

	private Duration recoveredAfter = Duration.ZERO;

	private Duration reconnectedAfter = Duration.ZERO;

	@BeforeEach
	void startNetwork() {
		TransportUrl.Host broker = TransportUrl.parse(RabbitTestSupport.url()).hosts().get(0);
		this.network = LyingNetwork.to(broker.hostnameOrDefault(), broker.portOrDefault());
		this.topic = "lies-" + MessageIds.newHexId().substring(0, 10);
	}

	@AfterEach
	void stop() {
		if (this.load != null) {
			this.load.stop(Duration.ofSeconds(60));
			this.server.shutdown(Duration.ofSeconds(10));
			this.listener.awaitTermination(Duration.ofSeconds(10));
			this.listenerExecutor.disposeGracefully().block(Duration.ofSeconds(10));
			this.clientSide.close();
			this.serverSide.close();
		}
		this.network.close();
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".s1", this.topic + ".info"),
				List.of(this.topic + "_fanout"));
	}

	@Test
	void withTwoHundredMillisecondsOfAddedLatencyEveryCallIsAnsweredAndNothingIsLost() {
		startServices(Map.of());
		this.network.latency(Duration.ofMillis(200));

		this.load.start();
		await().atMost(60, TimeUnit.SECONDS).until(() -> this.load.callsSucceeded() >= 20
				&& this.load.castsConfirmed().size() >= 20 && this.load.notificationsConfirmed().size() >= 20);
		this.load.stop(Duration.ofSeconds(60));

		assertThat(this.load.callOutcomes()).allSatisfy((call) -> assertThat(call.error()).as("call %s", call).isNull());
		assertNothingConfirmedIsLost();
		record("200 ms added latency each way");
	}

	@Test
	void aResetOfEveryConnectionInAStreamOfCallsIsSurvived() {
		startServices(Map.of());
		this.load.start();
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.load.callsSucceeded() >= 20);
		int connectionsBefore = this.network.accepted();

		this.faultAt = System.nanoTime();
		this.network.resetAll();

		await().atMost(60, TimeUnit.SECONDS).until(() -> this.network.accepted() > connectionsBefore);
		this.reconnectedAfter = Duration.ofNanos(System.nanoTime() - this.faultAt);
		awaitRecovered();
		record("every connection reset (RST) mid-stream");
	}

	@Test
	void aHalfOpenConnectionIsFoundByHeartbeatsAndEverythingReconnects() {
		startServices(Map.of("heartbeat_timeout_threshold", "2"));
		this.load.start();
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.load.callsSucceeded() >= 20);
		int connectionsBefore = this.network.accepted();

		this.faultAt = System.nanoTime();
		this.network.halfOpen();

		await().atMost(60, TimeUnit.SECONDS).until(() -> this.network.accepted() > connectionsBefore);
		this.reconnectedAfter = Duration.ofNanos(System.nanoTime() - this.faultAt);
		awaitRecovered();
		record("half-open connections (silent, never closed), heartbeat_timeout_threshold=2");
	}

	private void startServices(Map<String, String> options) {
		String url = this.network.url(options);
		this.serverSide = Transport.open(url);
		this.clientSide = Transport.open(url);
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
		this.client = RpcClient.create(this.clientSide, Target.topic(this.topic)).withTimeout(CALL_TIMEOUT);
		Notifier notifier = Notifier.builder(this.clientSide).publisherId("lies").topics(this.topic).build();
		this.load = new Load(this.client, notifier);
		assertThat(this.client.call(RequestContext.empty(), "echo", Map.of("value", -1), Integer.class)).isEqualTo(-1);
	}

	/** New calls, casts and notifications flow again; then every call ended within its timeout. */
	private void awaitRecovered() {
		long callsBefore = this.load.callsSucceeded();
		int castsBefore = this.load.castsConfirmed().size();
		int notificationsBefore = this.load.notificationsConfirmed().size();
		await().atMost(90, TimeUnit.SECONDS).until(() -> this.load.callsSucceeded() >= callsBefore + 20
				&& this.load.castsConfirmed().size() >= castsBefore + 5
				&& this.load.notificationsConfirmed().size() >= notificationsBefore + 5);
		this.recoveredAfter = Duration.ofNanos(System.nanoTime() - this.faultAt);
		this.load.stop(Duration.ofSeconds(60));
		assertThat(this.load.callOutcomes()).allSatisfy((call) -> {
			assertThat(call.duration()).as("call %s", call).isLessThan(CALL_TIMEOUT.plusSeconds(1));
			if (call.error() != null) {
				assertThat(call.error()).as("call %s", call).isInstanceOf(MessagingTimeoutException.class);
			}
		});
		assertNothingConfirmedIsLost();
	}

	private void assertNothingConfirmedIsLost() {
		await().atMost(60, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(this.notificationsHandled).containsAll(this.load.notificationsConfirmed()));
	}

	private void record(String figure) {
		if (this.faultAt != 0) {
			Figures.record(figure, "first new connection after the fault", this.reconnectedAfter);
			Figures.record(figure, "load flowing again (20 calls, 5 casts, 5 notifications) after the fault",
					this.recoveredAfter);
		}
		Figures.record(figure, "longest wait of a caller, timeout " + CALL_TIMEOUT.toSeconds() + " s",
				this.load.callOutcomes().stream().map(Load.CallOutcome::duration).max(Duration::compareTo).orElseThrow());
		Figures.record(figure, "calls answered / timed out", this.load.callsSucceeded() + " / "
				+ (this.load.callOutcomes().size() - this.load.callsSucceeded()));
		Figures.record(figure, "casts confirmed / notifications confirmed, all handled",
				this.load.castsConfirmed().size() + " / " + this.load.notificationsConfirmed().size());
	}

}
