package io.oslo4j.messaging.notify;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Endpoints are introspected once, when the listener is built: which methods handle which
 * priorities, and a clear refusal, naming the method and the fix, for a method that cannot be used.
 */
class NotificationEndpointIntrospectionTests {

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
	void anUnboundParameterIsRefusedNamingTheMethodAndTheFix() {
		assertThatIllegalArgumentException().isThrownBy(() -> build(new Unbound()))
			.withMessageContaining("Parameter 'host' (java.lang.String)")
			.withMessageContaining("Unbound.info(RequestContext, String)")
			.withMessageContaining("by name (payload, publisherId, eventType)")
			.withMessageContaining("@NotificationPayload");
	}

	public static final class Unbound {

		public void info(RequestContext ctxt, String host) {
		}

	}

	@Test
	void aListParameterOnAnOrdinaryListenerPointsToBatches() {
		assertThatIllegalArgumentException().isThrownBy(() -> build(new BatchShaped()))
			.withMessageContaining("batch(size, timeout)");
	}

	public static final class BatchShaped {

		public void info(List<Notification<JsonNode>> notifications) {
		}

	}

	@Test
	void aReturnTypeThatSaysNothingToTheListenerIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> build(new ReturnsString()))
			.withMessageContaining("ReturnsString.info() returns java.lang.String")
			.withMessageContaining("return void, NotificationResult, Mono<NotificationResult>");
		assertThatIllegalArgumentException().isThrownBy(() -> build(new ReturnsMonoOfString()))
			.withMessageContaining("Mono<java.lang.String>");
		assertThatIllegalArgumentException().isThrownBy(() -> build(new ReturnsFlux()))
			.withMessageContaining("returns Flux, but a notification has one outcome");
	}

	public static final class ReturnsString {

		public String info() {
			return "ok";
		}

	}

	public static final class ReturnsMonoOfString {

		public Mono<String> info() {
			return Mono.just("ok");
		}

	}

	public static final class ReturnsFlux {

		public Flux<NotificationResult> info() {
			return Flux.empty();
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
	void twoMethodsForOnePriorityAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> build(new TwoForInfo()))
			.withMessageContaining("has two methods for priority info")
			.withMessageContaining("keep one");
	}

	public static final class TwoForInfo {

		public void info() {
		}

		@OnNotification(Priority.INFO)
		public void alsoInfo() {
		}

	}

	@Test
	void anAnnotatedMethodThatIsNotPublicIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> build(new Hidden()))
			.withMessageContaining("Hidden.onInfo() is annotated with @OnNotification but is not a public instance method");
	}

	public static final class Hidden {

		public void info() {
		}

		@OnNotification(Priority.DEBUG)
		void onInfo() {
		}

	}

	@Test
	void aBatchMethodMustTakeOneListOfNotifications() {
		NotificationListener.Builder builder = builder(new TestEndpoints.Scripted((call) -> NotificationResult.HANDLED))
			.batch(10, Duration.ofSeconds(1));
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessageContaining("Batch notification endpoint method Scripted.info(String)")
			.withMessageContaining("List<Notification<P>>");
	}

	@Test
	void aFilterEntryOfTheAnnotationMustBeKeyEqualsRegex() {
		assertThatIllegalArgumentException().isThrownBy(() -> build(new BadFilter()))
			.withMessageContaining("@NotificationEndpoint of " + BadFilter.class.getName())
			.withMessageContaining("payload entry 'state' must be written key=regex");
	}

	@NotificationEndpoint(payload = "state")
	public static final class BadFilter {

		public void info() {
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
