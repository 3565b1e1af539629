package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.BlockingMethodsLeftException;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** reactive: the end of a migration, every method asynchronous and no worker pool at all. */
class ReactiveExecutorTests {

	private final Transport transport = Transport.open("fake:///" + MessageIds.newHexId());

	private final Target target = Target.topic("reactive-" + MessageIds.newHexId().substring(0, 8)).withServer("s1");

	private final AtomicInteger workerTasks = new AtomicInteger();

	private final MessagingExecutor executor = MessagingExecutors.builder(ExecutorKind.REACTIVE)
		.taskExecutor((task) -> {
			this.workerTasks.incrementAndGet();
			task.run();
		})
		.build();

	@AfterEach
	void close() {
		this.executor.disposeGracefully().block(Duration.ofSeconds(10));
		this.transport.close();
	}

	@Test
	void aServerWithBlockingMethodsLeftRefusesToBuildListingThemWithTheirSignatures() {
		assertThatExceptionOfType(BlockingMethodsLeftException.class)
			.isThrownBy(() -> RpcServer.builder(this.transport, this.target)
				.endpoint(new HalfMigratedEndpoint())
				.executor(this.executor)
				.build())
			.withMessageStartingWith("executor 'reactive' needs every endpoint method to return Mono or "
					+ "CompletionStage; still blocking: HalfMigratedEndpoint.getHostInfo(RequestContext, String) → String, "
					+ "HalfMigratedEndpoint.reboot(String) → void.")
			.withMessageContaining("or serve with executor 'greenio' until they do")
			.withMessageNotContaining("resize")
			.satisfies((ex) -> assertThat(ex.signatures()).hasSize(2));
	}

	@Test
	void aServerThatCreatesItsOwnReactiveExecutorRefusesBlockingMethodsToo() {
		assertThatExceptionOfType(BlockingMethodsLeftException.class)
			.isThrownBy(() -> RpcServer.builder(this.transport, this.target)
				.endpoint(new HalfMigratedEndpoint())
				.executor(ExecutorKind.REACTIVE)
				.build())
			.withMessageContaining("HalfMigratedEndpoint.getHostInfo(RequestContext, String) → String");
	}

	@Test
	void aListenerWithABlockingMethodLeftRefusesToBuildNamingIt() {
		assertThatExceptionOfType(BlockingMethodsLeftException.class)
			.isThrownBy(() -> NotificationListener.builder(this.transport)
				.target(Target.topic("notifications"))
				.endpoint(new HalfMigratedEvents())
				.executor(this.executor)
				.build())
			.withMessageContaining("still blocking: HalfMigratedEvents.info(String) → void. Make it return Mono");
	}

	@Test
	void aFullyReactiveServerRunsEveryMethodOnTheGreenioSchedulerAndNothingOnAWorker() {
		ReactiveEndpoint endpoint = new ReactiveEndpoint();
		RpcServer server = RpcServer.builder(this.transport, this.target).endpoint(endpoint).executor(this.executor).build();
		server.start();
		try {
			RpcClient client = RpcClient.create(this.transport, this.target).withTimeout(Duration.ofSeconds(10));
			assertThat(client.call(RequestContext.empty(), "resize", Map.of("id", "vm")).asString()).isEqualTo("vm:big");
			assertThat(client.call(RequestContext.empty(), "get_host_info", Map.of("host", "h1")).asString())
				.isEqualTo("h1");
			assertThat(endpoint.threads).hasSize(2).allMatch((name) -> name.startsWith("oslo4j-greenio-"));
			assertThat(this.workerTasks).hasValue(0);
			ServerDescription description = server.describe();
			assertThat(description.executor()).isEqualTo(ExecutorKind.REACTIVE);
			assertThat(description.lanes()).extracting(ServerDescription.Lane::name).containsExactly("greenio");
			assertThat(description.methods()).allMatch((method) -> method.reactive() && !method.onWorker());
			assertThat(description.blockingMethods()).isEmpty();
		}
		finally {
			server.shutdown(Duration.ofSeconds(10));
		}
	}

	/** Half-way through its migration: one method reactive, two still blocking. */
	public static class HalfMigratedEndpoint {

		public String getHostInfo(RequestContext context, String host) {
			return host;
		}

		public Mono<String> resize(String id) {
			return Mono.just(id);
		}

		public void reboot(String id) {
		}

	}

	/** At the end of its migration. */
	public static class ReactiveEndpoint {

		final Queue<String> threads = new ConcurrentLinkedQueue<>();

		public Mono<String> resize(String id) {
			return Mono.fromCallable(() -> {
				this.threads.add(Thread.currentThread().getName());
				return id + ":big";
			});
		}

		public CompletionStage<String> getHostInfo(String host) {
			this.threads.add(Thread.currentThread().getName());
			return CompletableFuture.completedFuture(host);
		}

	}

	public static class HalfMigratedEvents {

		public void info(String eventType) {
		}

		public Mono<Void> error(String eventType) {
			return Mono.empty();
		}

	}

}
