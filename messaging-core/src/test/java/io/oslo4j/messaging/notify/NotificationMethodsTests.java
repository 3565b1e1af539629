package io.oslo4j.messaging.notify;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Endpoints are introspected once, when the listener is built: which methods handle which
 * priorities, and what a listener needs. The refusals of methods that cannot be used are
 * specified with the RPC ones, in {@code EndpointDefinitionTests}.
 */
class NotificationMethodsTests {

	private final Transport transport = Transport.of(RecordingDriver.succeeding());

	private final MessagingExecutor executor = MessagingExecutors.create(ExecutorKind.EVENTLET);

	@AfterEach
	void disposeExecutor() {
		this.executor.disposeGracefully().block();
	}

	@Test
	void methodsNamedAfterPrioritiesHandleThem() {
		assertThat(build(new TestEndpoints.EveryPriority()).priorities()).containsExactlyInAnyOrder(Priority.values());
	}

	@Test
	void anAnnotatedMethodHandlesTheListedPrioritiesWhateverItsName() {
		assertThat(build(new Problems()).priorities()).containsExactlyInAnyOrder(Priority.ERROR, Priority.CRITICAL);
	}

	public static final class Problems {

		@OnNotification({ Priority.ERROR, Priority.CRITICAL })
		public void onProblem(Priority priority, JsonNode payload) {
		}

		public String describe() {
			return "not named after a priority, so not an endpoint method";
		}

	}

	@Test
	void aMethodNamedWarningIsNotAPriorityAsInOslo() {
		assertThatIllegalArgumentException().isThrownBy(() -> build(new Warning()))
			.withMessageContaining("at least one endpoint with a public method named after a priority");
	}

	public static final class Warning {

		public void warning(String eventType) {
		}

	}

	@Test
	void nonPublicMethodsNamedAfterAPriorityAreNotEndpointMethods() {
		assertThat(build(new PrivateHelper()).priorities()).containsExactly(Priority.INFO);
	}

	public static final class PrivateHelper {

		public void info(String eventType) {
			error("unused");
		}

		private void error(String message) {
		}

	}

	@Test
	void asynchronousMethodsMayReturnMonoOrCompletionStageOfResultOrVoid() {
		assertThat(build(new Asynchronous()).priorities()).containsExactlyInAnyOrder(Priority.INFO, Priority.WARN,
				Priority.ERROR, Priority.CRITICAL);
	}

	public static final class Asynchronous {

		public Mono<NotificationResult> info() {
			return Mono.empty();
		}

		public Mono<Void> warn() {
			return Mono.empty();
		}

		public CompletionStage<NotificationResult> error() {
			return CompletableFuture.completedFuture(NotificationResult.HANDLED);
		}

		public CompletableFuture<Void> critical() {
			return CompletableFuture.completedFuture(null);
		}

	}

	@Test
	void aListenerNeedsTargetsEndpointsAndAnExecutor() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NotificationListener.builder(this.transport).endpoint(new Problems())
				.executor(this.executor).build())
			.withMessageContaining("at least one target");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NotificationListener.builder(this.transport).target(Target.topic("t"))
				.endpoint(new Problems()).build())
			.withMessageContaining("needs an executor");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NotificationListener.builder(this.transport).target(Target.topic("t"))
				.executor(this.executor).build())
			.withMessageContaining("at least one endpoint");
	}

	@Test
	void theListenerSubscribesToEveryTargetWithEveryHandledPriority() {
		NotificationListener listener = NotificationListener.builder(this.transport)
			.targets(List.of(Target.topic("a"), Target.topic("b").withExchange("nova")))
			.endpoint(new Problems())
			.executor(this.executor)
			.build();
		assertThat(listener.bindings()).extracting((binding) -> binding.exchange() + "/" + binding.routingKey())
			.containsExactly("null/a.error", "null/a.critical", "nova/b.error", "nova/b.critical");
	}

	private NotificationListener build(Object endpoint) {
		return builder(endpoint).build();
	}

	private NotificationListener.Builder builder(Object endpoint) {
		return NotificationListener.builder(this.transport)
			.target(Target.topic("notifications"))
			.endpoint(endpoint)
			.executor(this.executor);
	}

}
