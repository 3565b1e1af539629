package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.transport.Transport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What an {@link RpcObserver} sees of the calls a server serves and a client sends. */
class RpcObserverTests {

	private final Recorder serverSide = new Recorder();

	private final Recorder clientSide = new Recorder();

	private final Pending pending = new Pending();

	private Transport transport;

	private RpcServer server;

	private RpcClient client;

	@BeforeEach
	void start() {
		this.transport = Transport.open("fake:///observer-" + UUID.randomUUID());
		this.server = RpcServer.builder(this.transport, Target.topic("t").withServer("s1"))
			.endpoint(Endpoint.of(this.pending, "ns", "1.2"))
			.executor(ExecutorKind.GREENIO)
			.observer(this.serverSide)
			.build();
		this.server.start();
		this.client = RpcClient.builder(this.transport, Target.topic("t").withNamespace("ns").withVersion("1.1"))
			.timeout(Duration.ofSeconds(5))
			.observer(this.clientSide)
			.build();
	}

	@AfterEach
	void stop() {
		this.pending.sink.tryEmitValue("end");
		this.server.shutdown(Duration.ofSeconds(5));
		this.transport.close();
	}

	@Test
	void serverObservationStaysOpenUntilAMonoMethodHasBeenAnswered() {
		Mono<String> reply = this.client.callAsync(RequestContext.of(Map.of("user", "u1")), "later", Map.of(), String.class)
			.cache();
		reply.subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.serverSide.started.size() == 1);
		RpcObserver.Call call = this.serverSide.started.get(0);
		assertThat(call.target()).isEqualTo(Target.topic("t").withServer("s1").withNamespace("ns").withVersion("1.1"));
		assertThat(call.method()).isEqualTo("later");
		assertThat(call.expectsReply()).isTrue();
		assertThat(call.executor()).isEqualTo(ExecutorKind.GREENIO);
		assertThat(call.context().get("user")).isEqualTo("u1");
		assertThat(this.serverSide.completed).isEmpty();
		this.pending.sink.tryEmitValue("done");
		assertThat(reply.block(Duration.ofSeconds(5))).isEqualTo("done");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.serverSide.completed.size() == 1);
		assertThat(this.serverSide.completed.peek()).isEqualTo(Recorder.SUCCESS);
	}

	@Test
	void serverObservationEndsBeforeTheRequestLeavesTheInFlightCount() {
		this.serverSide.onComplete = () -> this.serverSide.inFlightAtCompletion.add(this.server.inFlight());
		this.client.call(RequestContext.empty(), "now", Map.of("value", "x"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.serverSide.completed.size() == 1);
		assertThat(this.serverSide.inFlightAtCompletion).containsExactly(1);
	}

	@Test
	void serverObservationEndsWithTheEndpointsExceptionWhenTheMethodFails() {
		assertThatThrownBy(() -> this.client.call(RequestContext.empty(), "broken", Map.of()))
			.isInstanceOf(RemoteException.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.serverSide.completed.size() == 1);
		assertThat(this.serverSide.completed.peek()).isInstanceOf(IllegalStateException.class).hasMessage("broken");
	}

	@Test
	void serverObservesACastUntilTheMethodHasFinished() {
		this.client.cast(RequestContext.empty(), "now", Map.of("value", "x"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.serverSide.completed.size() == 1);
		assertThat(this.serverSide.started).singleElement().satisfies((call) -> assertThat(call.expectsReply()).isFalse());
	}

	@Test
	void serverDoesNotObserveRequestsThatReachNoMethod() {
		assertThatThrownBy(() -> this.client.call(RequestContext.empty(), "missing", Map.of()))
			.isInstanceOf(RemoteException.class);
		assertThat(this.serverSide.started).isEmpty();
	}

	@Test
	void clientObservesACallFromSubscriptionToItsResult() {
		Mono<JsonNodeHolder> call = this.client.callAsync(RequestContext.empty(), "now", Map.of("value", "x"))
			.map(JsonNodeHolder::new);
		assertThat(this.clientSide.started).isEmpty();
		call.block(Duration.ofSeconds(5));
		assertThat(this.clientSide.started).singleElement().satisfies((started) -> {
			assertThat(started.target()).isEqualTo(Target.topic("t").withNamespace("ns").withVersion("1.1"));
			assertThat(started.method()).isEqualTo("now");
			assertThat(started.expectsReply()).isTrue();
			assertThat(started.executor()).isNull();
		});
		assertThat(this.clientSide.completed).containsExactly(Recorder.SUCCESS);
	}

	@Test
	void clientObservationEndsWithTheRemoteFailureWhenTheCallFails() {
		assertThatThrownBy(() -> this.client.call(RequestContext.empty(), "broken", Map.of()))
			.isInstanceOf(RemoteException.class);
		assertThat(this.clientSide.completed).singleElement().isInstanceOf(RemoteException.class);
	}

	@Test
	void clientObservationEndsWithTheTimeoutWhenNoReplyComes() {
		RpcClient nobody = this.client.withTarget(Target.topic("nobody")).withTimeout(Duration.ofMillis(100));
		assertThatThrownBy(() -> nobody.call(RequestContext.empty(), "now", Map.of()))
			.isInstanceOf(MessagingTimeoutException.class);
		assertThat(this.clientSide.completed).singleElement().isInstanceOf(MessagingTimeoutException.class);
	}

	@Test
	void clientObservationEndsWithCancellationWhenTheCallerCancels() {
		this.client.callAsync(RequestContext.empty(), "later", Map.of()).subscribe().dispose();
		assertThat(this.clientSide.completed).singleElement().isInstanceOf(CancellationException.class);
	}

	@Test
	void clientObservesACastUntilTheBrokerHasIt() {
		this.client.cast(RequestContext.empty(), "now", Map.of("value", "x"));
		assertThat(this.clientSide.started).singleElement().satisfies((call) -> assertThat(call.expectsReply()).isFalse());
		assertThat(this.clientSide.completed).containsExactly(Recorder.SUCCESS);
	}

	@Test
	void callsGoOnWhenTheObserverThrows() {
		RpcClient throwing = this.client.withTarget(this.client.target());
		this.clientSide.onStart = () -> {
			throw new IllegalStateException("observer bug");
		};
		this.serverSide.onComplete = () -> {
			throw new IllegalStateException("observer bug");
		};
		assertThat(throwing.call(RequestContext.empty(), "now", Map.of("value", "x"), String.class)).isEqualTo("x");
		assertThat(throwing.call(RequestContext.empty(), "now", Map.of("value", "y"), String.class)).isEqualTo("y");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.inFlight() == 0);
	}

	/** An endpoint whose {@code later} answers when the test says so. */
	public static class Pending {

		final Sinks.One<String> sink = Sinks.one();

		public Mono<String> later() {
			return this.sink.asMono();
		}

		public String now(String value) {
			return value;
		}

		public String broken() {
			throw new IllegalStateException("broken");
		}

	}

	record JsonNodeHolder(Object node) {
	}

	static final class Recorder implements RpcObserver {

		static final Throwable SUCCESS = new Throwable("success");

		final List<Call> started = new CopyOnWriteArrayList<>();

		final Queue<Throwable> completed = new ConcurrentLinkedQueue<>();

		final Queue<Integer> inFlightAtCompletion = new ConcurrentLinkedQueue<>();

		volatile Runnable onStart = () -> {
		};

		volatile Runnable onComplete = () -> {
		};

		@Override
		public Completion onServerCall(Call call) {
			return record(call);
		}

		@Override
		public Completion onClientCall(Call call) {
			return record(call);
		}

		private Completion record(Call call) {
			this.onStart.run();
			this.started.add(call);
			return (@Nullable Throwable failure) -> {
				this.onComplete.run();
				this.completed.add((failure != null) ? failure : SUCCESS);
			};
		}

	}

}
