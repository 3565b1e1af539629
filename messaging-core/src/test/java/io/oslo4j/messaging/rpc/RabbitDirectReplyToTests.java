package io.oslo4j.messaging.rpc;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.testsupport.RabbitCtl;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.ReplyRetry;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.transport.rabbit.RabbitDriver;
import io.oslo4j.messaging.transport.rabbit.RabbitOptions;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A Java client with direct reply-to and a Java server on RabbitMQ: the calls are answered as
 * through a named reply queue, a reply to a caller that is gone holds nothing of the server's, and a
 * lost connection loses the replies due to it but not the calls after it.
 */
@ExtendWith(RabbitTestSupport.class)
class RabbitDirectReplyToTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final String topic = "direct-rpc-" + MessageIds.newHexId().substring(0, 12);

	private final Gate gate = new Gate();

	private RabbitDriver serverDriver;

	private RpcServer server;

	@BeforeEach
	void startServer() {
		this.serverDriver = RabbitDriver.create(TransportUrl.parse(RabbitTestSupport.url()));
		Transport transport = Transport.of(this.serverDriver);
		this.resources.add(transport);
		this.server = RpcServer.builder(transport, Target.topic(this.topic).withServer("s1"))
			.endpoint(new TestEndpoints.Conformance("s1"))
			.endpoints(this.gate)
			.executor(ExecutorKind.GREENIO)
			.build();
		this.server.start();
	}

	@AfterEach
	void closeEverything() throws Exception {
		this.gate.open();
		this.server.shutdown(TIMEOUT);
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".s1"), List.of());
	}

	@Test
	void callsWithDirectReplyToGetTheirResultsFailuresAndHeartbeatsFromAJavaServer() {
		RpcClient client = client(Transport.open(RabbitTestSupport.url()));

		for (int i = 0; i < 5; i++) {
			assertThat(client.call(RequestContext.empty(), "add", Map.of("a", i, "b", 40), Long.class)).isEqualTo(i + 40L);
		}
		assertThat(client.callAsync(RequestContext.empty(), "echoReactive", Map.of("value", "reactive"), String.class)
			.block(TIMEOUT)).isEqualTo("reactive");
		assertThatExceptionOfType(RemoteException.class)
			.isThrownBy(() -> client.call(RequestContext.empty(), "fail", Map.of("message", "bad value 42")))
			.satisfies((ex) -> assertThat(ex.getValue()).isEqualTo("bad value 42"));
		assertThat(client.withCallMonitorTimeout(Duration.ofSeconds(2))
			.call(RequestContext.empty(), "sleep", Map.of("seconds", 3.5), Double.class)).isEqualTo(3.5);
		assertThat(this.serverDriver.replyRetryCounts()).isEqualTo(new ReplyRetry.Counts(0, 0, 0));
	}

	@Test
	void aReplyToACallerThatIsGoneIsDroppedByTheBrokerAndHoldsNoSlotOfTheServer() {
		Transport callerTransport = Transport.open(RabbitTestSupport.url());
		RpcClient caller = client(callerTransport);
		assertThat(caller.call(RequestContext.empty(), "add", Map.of("a", 1, "b", 1), Long.class)).isEqualTo(2L);

		caller.callAsync(RequestContext.empty(), "held", Map.of()).subscribe((result) -> {
		}, (error) -> {
		});
		await().atMost(TIMEOUT).until(() -> this.server.inFlight() == 1);
		callerTransport.close();
		this.gate.open();

		await().atMost(TIMEOUT).until(() -> this.server.inFlight() == 0);
		assertThat(this.serverDriver.replyRetryCounts()).isEqualTo(new ReplyRetry.Counts(0, 0, 0));
		assertThat(client(Transport.open(RabbitTestSupport.url())).call(RequestContext.empty(), "whoami", Map.of(),
				String.class)).isEqualTo("s1");
	}

	@Test
	void aCallInFlightWhenTheConnectionIsLostTimesOutAndTheNextCallIsAnsweredOnTheNewAddress() {
		RabbitCtl.assumeAvailable();
		String connectionName = RabbitTestSupport.uniqueName("oslo4j_direct_rpc");
		CachingConnectionFactory factory = new CachingConnectionFactory(
				URI.create(RabbitTestSupport.url().replaceFirst("^rabbit://", "amqp://")));
		factory.setVirtualHost(RabbitTestSupport.virtualHost());
		factory.setConnectionNameStrategy((connectionFactory) -> connectionName);
		this.resources.add(factory::destroy);
		RpcClient client = client(Transport.of(RabbitDriver.create(factory, RabbitOptions.defaults())));
		assertThat(client.call(RequestContext.empty(), "add", Map.of("a", 1, "b", 1), Long.class)).isEqualTo(2L);

		StepVerifier.create(client.withTimeout(Duration.ofSeconds(6))
			.callAsync(RequestContext.empty(), "held", Map.of()))
			.then(() -> {
				await().atMost(TIMEOUT).until(() -> this.server.inFlight() == 1);
				assertThat(RabbitCtl.closeConnections(connectionName)).isPositive();
				this.gate.open();
			})
			.expectError(MessagingTimeoutException.class)
			.verify(TIMEOUT);

		assertThat(client.call(RequestContext.empty(), "add", Map.of("a", 2, "b", 2), Long.class)).isEqualTo(4L);
		// the server counts a call until the broker has confirmed its reply, which may come after the caller has it
		await().atMost(TIMEOUT).until(() -> this.server.inFlight() == 0);
	}

	private RpcClient client(Transport transport) {
		this.resources.add(transport);
		return RpcClient.builder(transport, Target.topic(this.topic)).directReplyTo(true).timeout(TIMEOUT).build();
	}

	/** An endpoint whose method returns once the test opens the gate. */
	public static final class Gate {

		private final CountDownLatch open = new CountDownLatch(1);

		public String held() throws InterruptedException {
			this.open.await();
			return "released";
		}

		void open() {
			this.open.countDown();
		}

	}

}
