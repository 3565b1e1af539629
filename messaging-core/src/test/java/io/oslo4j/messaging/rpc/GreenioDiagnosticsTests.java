package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Level;
import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.BlockingDetection;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.testsupport.LogCapture;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What greenio tells about methods that misuse its threads: a hold longer than the slow-callback
 * threshold is named in a warning, always; with blocking-call detection, each blocking call is
 * reported with the method and its stack and counted, or, set to fail, fails the call.
 */
class GreenioDiagnosticsTests {

	private static final String EXECUTOR_LOGS = "io.oslo4j.messaging.executor";

	private final Transport transport = Transport.open("fake:///" + MessageIds.newHexId());

	private final String topic = "greenio-" + MessageIds.newHexId().substring(0, 8);

	private RpcServer server;

	private MessagingExecutor executor;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.shutdown(Duration.ofSeconds(10));
		}
		if (this.executor != null) {
			this.executor.disposeGracefully().block(Duration.ofSeconds(10));
		}
		this.transport.close();
	}

	@Test
	void aMonoMethodThatHoldsItsThreadPastTheSlowCallbackThresholdIsNamedInAWarning() {
		serve(MessagingExecutors.builder(ExecutorKind.GREENIO).slowCallbackThreshold(Duration.ofNanos(1)));
		try (LogCapture logs = LogCapture.of(Level.WARN, EXECUTOR_LOGS)) {
			assertThat(client().call(RequestContext.empty(), "spin", Map.of()).asString()).isEqualTo("spun");
			await().untilAsserted(() -> assertThat(logs.text()).contains("MisbehavingEndpoint.spin held greenio thread "
					+ "oslo4j-greenio-").contains("slow-callback threshold"));
		}
	}

	@Test
	void aMonoMethodWithinTheSlowCallbackThresholdIsNotWarnedAbout() {
		serve(MessagingExecutors.builder(ExecutorKind.GREENIO).slowCallbackThreshold(Duration.ofHours(1)));
		try (LogCapture logs = LogCapture.of(Level.WARN, EXECUTOR_LOGS)) {
			assertThat(client().call(RequestContext.empty(), "spin", Map.of()).asString()).isEqualTo("spun");
			assertThat(logs.text()).doesNotContain("held greenio thread");
		}
	}

	@Test
	void aMonoMethodThatSleepsIsReportedWithItsNameAndStackAndCountedWhenDetectionIsOn() {
		serve(MessagingExecutors.builder(ExecutorKind.GREENIO).blockingDetection(BlockingDetection.ON));
		try (LogCapture logs = LogCapture.of(Level.WARN, EXECUTOR_LOGS)) {
			assertThat(client().call(RequestContext.empty(), "sleepy", Map.of()).asString()).isEqualTo("slept");
			await().untilAsserted(() -> assertThat(logs.text())
				.contains("Blocking call java.lang.Thread.sleep")
				.contains("in MisbehavingEndpoint.sleepy on greenio thread oslo4j-greenio-")
				.contains("at io.oslo4j.messaging.rpc.GreenioDiagnosticsTests$MisbehavingEndpoint.lambda$sleepy"));
		}
		assertThat(method("sleepy").blockingCalls()).isEqualTo(1);
		assertThat(method("spin").blockingCalls()).isZero();
	}

	@Test
	void aBlockingMethodMaySleepOnItsWorkerUnreportedWhenDetectionIsOn() {
		serve(MessagingExecutors.builder(ExecutorKind.GREENIO).blockingDetection(BlockingDetection.ON));
		try (LogCapture logs = LogCapture.of(Level.WARN, EXECUTOR_LOGS)) {
			assertThat(client().call(RequestContext.empty(), "sleep_on_worker", Map.of()).asString()).isEqualTo("slept");
			assertThat(logs.text()).doesNotContain("Blocking call");
		}
		assertThat(method("sleepOnWorker").blockingCalls()).isZero();
	}

	@Test
	void aMonoMethodThatSleepsFailsWithARemoteErrorNamingItWhenDetectionIsSetToFail() {
		serve(MessagingExecutors.builder(ExecutorKind.GREENIO).blockingDetection(BlockingDetection.FAIL));
		assertThatExceptionOfType(RemoteException.class)
			.isThrownBy(() -> client().call(RequestContext.empty(), "sleepy", Map.of()))
			.withMessageContaining("BlockingCallException")
			.withMessageContaining("MisbehavingEndpoint.sleepy made a blocking call (java.lang.Thread.sleep")
			.withMessageContaining("subscribeOn(Schedulers.boundedElastic())");
		assertThat(method("sleepy").blockingCalls()).isEqualTo(1);
	}

	@Test
	void aMonoMethodThatCatchesTheFailureOfItsBlockingCallStillFailsWhenDetectionIsSetToFail() {
		serve(MessagingExecutors.builder(ExecutorKind.GREENIO).blockingDetection(BlockingDetection.FAIL));
		assertThatExceptionOfType(RemoteException.class)
			.isThrownBy(() -> client().call(RequestContext.empty(), "sleep_and_swallow", Map.of()))
			.withMessageContaining("MisbehavingEndpoint.sleepAndSwallow made a blocking call");
	}

	private void serve(MessagingExecutors.Builder executor) {
		this.executor = executor.build();
		this.server = RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1"))
			.endpoint(new MisbehavingEndpoint())
			.executor(this.executor)
			.build();
		this.server.start();
	}

	private RpcClient client() {
		return RpcClient.create(this.transport, Target.topic(this.topic)).withTimeout(Duration.ofSeconds(10));
	}

	private ServerDescription.Method method(String javaName) {
		return this.server.describe()
			.methods()
			.stream()
			.filter((method) -> method.javaMethod().getName().equals(javaName))
			.findFirst()
			.orElseThrow();
	}

	/** Mono methods that block or busy-hold their greenio thread on purpose, and a blocking one. */
	public static class MisbehavingEndpoint {

		public Mono<String> spin() {
			return Mono.fromCallable(() -> {
				long until = System.nanoTime() + 1_000_000;
				while (System.nanoTime() < until) {
					Thread.onSpinWait();
				}
				return "spun";
			});
		}

		public Mono<String> sleepy() {
			return Mono.fromCallable(() -> {
				Thread.sleep(1);
				return "slept";
			});
		}

		public Mono<String> sleepAndSwallow() {
			try {
				Thread.sleep(1);
			}
			catch (RuntimeException | InterruptedException ex) {
				// What a careless method does: the executor still fails the call.
			}
			return Mono.just("slept");
		}

		public String sleepOnWorker() throws InterruptedException {
			Thread.sleep(1);
			return "slept";
		}

	}

}
