package io.oslo4j.messaging.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.Figures;
import io.oslo4j.messaging.testsupport.ThrowawayBroker;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A broker under a resource alarm ({@code connection.blocked}), on a node of the test's own: a
 * memory high watermark of 0, or a disk free limit larger than the disk, blocks every publishing
 * connection. Calls time out at their deadline;
 * notifications sent meanwhile are confirmed once the alarm clears; the transport says it is
 * blocked; afterwards nothing confirmed is lost and service resumes by itself.
 */
class BrokerAlarmTests {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

	private static final int NOTIFICATIONS = 20;

	private static ThrowawayBroker broker;

	private final Set<Integer> handled = ConcurrentHashMap.newKeySet();

	private Transport serverSide;

	private Transport clientSide;

	private MessagingExecutor listenerExecutor;

	private RpcServer server;

	private NotificationListener listener;

	@BeforeAll
	static void startBroker() {
		broker = ThrowawayBroker.builder("alarm").start();
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	/** How the test raises and clears each alarm with {@code rabbitmqctl}. */
	enum Alarm {

		MEMORY("set_vm_memory_high_watermark", "0", "0.4"),

		DISK("set_disk_free_limit", "100000GB", "50MB");

		private final String command;

		private final String raised;

		private final String cleared;

		Alarm(String command, String raised, String cleared) {
			this.command = command;
			this.raised = raised;
			this.cleared = cleared;
		}

		void raise() {
			broker.ctl(this.command, this.raised);
		}

		void clear() {
			broker.ctl(this.command, this.cleared);
		}

		String label() {
			return name().toLowerCase(Locale.ROOT) + " alarm";
		}

	}

	@AfterEach
	void stop() {
		for (Alarm alarm : Alarm.values()) {
			alarm.clear();
		}
		if (this.server != null) {
			this.server.shutdown(Duration.ofSeconds(10));
			this.listener.awaitTermination(Duration.ofSeconds(10));
			this.listenerExecutor.disposeGracefully().block(Duration.ofSeconds(10));
			this.clientSide.close();
			this.serverSide.close();
		}
	}

	@ParameterizedTest
	@EnumSource(Alarm.class)
	void underAnAlarmCallsTimeOutNotificationsWaitAndEverythingResumesWhenItClears(Alarm alarm) {
		String url = broker.url(Map.of("amqp_durable_queues", "true"));
		String topic = "alarm-" + MessageIds.newHexId().substring(0, 10);
		this.serverSide = Transport.open(url);
		this.clientSide = Transport.open(url);
		this.server = RpcServer.builder(this.serverSide, Target.topic(topic).withServer("s1"))
			.endpoint(new BrokerOutageTests.Service(ConcurrentHashMap.newKeySet()))
			.executor(ExecutorKind.EVENTLET)
			.build();
		this.listenerExecutor = MessagingExecutors.create(ExecutorKind.EVENTLET);
		this.listener = NotificationListener.builder(this.serverSide)
			.target(Target.topic(topic))
			.endpoint(new BrokerOutageTests.Recorder(this.handled))
			.executor(this.listenerExecutor)
			.build();
		this.server.start();
		this.listener.start();
		RpcClient client = RpcClient.create(this.clientSide, Target.topic(topic)).withTimeout(CALL_TIMEOUT);
		Notifier notifier = Notifier.builder(this.clientSide).publisherId("alarm").topics(topic).build();
		assertThat(client.call(RequestContext.empty(), "echo", Map.of("value", -1), Integer.class)).isEqualTo(-1);
		notifier.send(Priority.INFO, RequestContext.empty(), "seq", Map.of("seq", -1)).block(Duration.ofSeconds(10));

		alarm.raise();
		List<CompletableFuture<Void>> sent = new ArrayList<>();
		for (int seq = 0; seq < NOTIFICATIONS; seq++) {
			sent.add(notifier.send(Priority.INFO, RequestContext.empty(), "seq", Map.of("seq", seq)).toFuture());
		}
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.clientSide.driver().blockedReason() != null);
		Figures.record(alarm.label(), "blocked reason", this.clientSide.driver().blockedReason());

		Duration longest = Duration.ZERO;
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			assertThatExceptionOfType(MessagingTimeoutException.class)
				.isThrownBy(() -> client.call(RequestContext.empty(), "echo", Map.of("value", 0), Integer.class));
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			longest = (waited.compareTo(longest) > 0) ? waited : longest;
		}
		// the call's own deadline ends it, not the alarm
		assertThat(longest).isLessThan(CALL_TIMEOUT.plusSeconds(2));
		Figures.record(alarm.label(), "longest wait of a blocked call, timeout " + CALL_TIMEOUT.toSeconds() + " s",
				longest);

		long cleared = System.nanoTime();
		alarm.clear();

		await().atMost(60, TimeUnit.SECONDS).until(() -> sent.stream().allMatch(CompletableFuture::isDone));
		List<Integer> confirmed = new ArrayList<>();
		for (int seq = 0; seq < NOTIFICATIONS; seq++) {
			CompletableFuture<Void> outcome = sent.get(seq);
			if (!outcome.isCompletedExceptionally()) {
				confirmed.add(seq);
			}
			else {
				assertThat(outcome).failsWithin(Duration.ZERO)
					.withThrowableThat()
					.havingCause()
					.isInstanceOf(MessagingException.class);
			}
		}
		await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(this.handled).containsAll(confirmed));
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.clientSide.driver().blockedReason() == null
				&& this.serverSide.driver().blockedReason() == null);
		await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).until(() -> {
			try {
				return client.call(RequestContext.empty(), "echo", Map.of("value", 1), Integer.class) == 1;
			}
			catch (MessagingTimeoutException ex) {
				return false;
			}
		});
		Figures.record(alarm.label(), "first call answered after the alarm cleared",
				Duration.ofNanos(System.nanoTime() - cleared));
		Figures.record(alarm.label(), "notifications sent while blocked: confirmed, all handled / failed",
				confirmed.size() + " / " + (NOTIFICATIONS - confirmed.size()));
	}

}
