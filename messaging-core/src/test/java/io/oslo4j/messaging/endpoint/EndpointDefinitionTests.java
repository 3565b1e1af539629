package io.oslo4j.messaging.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.Notification;
import io.oslo4j.messaging.notify.NotificationEndpoint;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.NotificationResult;
import io.oslo4j.messaging.notify.OnNotification;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every endpoint that cannot be served, RPC or notification, is refused when its server or
 * listener is built, with one exception whose message names the class, the method and the fix.
 */
class EndpointDefinitionTests {

	private final Transport transport = Transport.open("fake:///endpoint-definitions");

	private final MessagingExecutor executor = MessagingExecutors.create(ExecutorKind.EVENTLET);

	@AfterEach
	void close() {
		this.executor.disposeGracefully().block();
		this.transport.close();
	}

	// RPC endpoints

	@Test
	void anRpcMethodReturningFluxIsRefusedNamingTheFix() {
		assertRefused(() -> rpc(new Streaming())).withMessageContaining("Endpoint method Streaming.servers()")
			.withMessageContaining("returns Flux, which an RPC reply cannot carry")
			.withMessageContaining("Mono<List<T>>");
	}

	@Test
	void rpcOverloadsAreRefusedBecauseArgumentsAreNamed() {
		assertRefused(() -> rpc(new Overloaded())).withMessageContaining("Endpoint Overloaded")
			.withMessageContaining("two methods under RPC name 'get'")
			.withMessageContaining("@RpcMethod");
	}

	@Test
	void anRpcMethodNamedTargetIsRefusedAsOsloReservesTheName() {
		assertRefused(() -> rpc(new Targeted())).withMessageContaining("Targeted.target()")
			.withMessageContaining("'target'")
			.withMessageContaining("rename the method");
	}

	// Notification endpoints

	@Test
	void anUnboundNotificationParameterIsRefusedNamingTheMethodAndTheFix() {
		assertRefused(() -> notifications(new Unbound())).withMessageContaining("Parameter 'host' (java.lang.String)")
			.withMessageContaining("notification endpoint method Unbound.info(RequestContext, String)")
			.withMessageContaining("by name (payload, publisherId, eventType)")
			.withMessageContaining("@NotificationPayload");
	}

	@Test
	void aListParameterOnAnOrdinaryListenerPointsToBatches() {
		assertRefused(() -> notifications(new BatchShaped())).withMessageContaining("batch(size, timeout)");
	}

	@Test
	void aNotificationReturnTypeThatSaysNothingToTheListenerIsRefused() {
		assertRefused(() -> notifications(new ReturnsString()))
			.withMessageContaining("ReturnsString.info() returns java.lang.String")
			.withMessageContaining("return void, NotificationResult, Mono<NotificationResult>");
		assertRefused(() -> notifications(new ReturnsMonoOfString())).withMessageContaining("Mono<java.lang.String>");
		assertRefused(() -> notifications(new ReturnsFlux()))
			.withMessageContaining("ReturnsFlux.info() returns Flux, but a notification has one outcome");
	}

	@Test
	void twoNotificationMethodsForOnePriorityAreRefused() {
		assertRefused(() -> notifications(new TwoForInfo())).withMessageContaining("has two methods for priority info")
			.withMessageContaining("TwoForInfo.alsoInfo() and TwoForInfo.info()")
			.withMessageContaining("keep one");
	}

	@Test
	void anAnnotatedNotificationMethodThatIsNotPublicIsRefused() {
		assertRefused(() -> notifications(new Hidden()))
			.withMessageContaining("Hidden.onInfo() is annotated with @OnNotification but is not a public instance method");
	}

	@Test
	void anAnnotationListingNoPriorityIsRefused() {
		assertRefused(() -> notifications(new NoPriority())).withMessageContaining("lists no priority")
			.withMessageContaining("@OnNotification(Priority.INFO)");
	}

	@Test
	void aBatchMethodMustTakeOneListOfNotifications() {
		assertRefused(() -> batches(new OneByOne()))
			.withMessageContaining("batch notification endpoint method OneByOne.info(String)")
			.withMessageContaining("List<Notification<P>>");
		assertRefused(() -> batches(new NoParameter()))
			.withMessageContaining("Batch notification endpoint method NoParameter.info()")
			.withMessageContaining("List<Notification<P>>");
		assertRefused(() -> batches(new TwoLists())).withMessageContaining("TwoLists.info(List, List)");
	}

	@Test
	void aFilterEntryOfTheAnnotationMustBeKeyEqualsRegex() {
		assertRefused(() -> notifications(new BadFilter()))
			.withMessageContaining("@NotificationEndpoint of " + BadFilter.class.getName())
			.withMessageContaining("payload entry 'state' must be written key=regex");
	}

	private static ThrowableAssertAlternative<EndpointDefinitionException> assertRefused(Supplier<?> build) {
		return assertThatExceptionOfType(EndpointDefinitionException.class).isThrownBy(build::get);
	}

	private RpcServer rpc(Object endpoint) {
		return RpcServer.builder(this.transport, Target.topic("compute").withServer("s1"))
			.endpoint(endpoint)
			.executor(this.executor)
			.build();
	}

	private NotificationListener notifications(Object endpoint) {
		return listener(endpoint).build();
	}

	private NotificationListener batches(Object endpoint) {
		return listener(endpoint).batch(10, Duration.ofSeconds(1)).build();
	}

	private NotificationListener.Builder listener(Object endpoint) {
		return NotificationListener.builder(this.transport)
			.target(Target.topic("notifications"))
			.endpoint(endpoint)
			.executor(this.executor);
	}

	public static class Streaming {

		public Flux<String> servers() {
			return Flux.empty();
		}

		public Mono<String> fine() {
			return Mono.empty();
		}

	}

	public static class Overloaded {

		public String get(String id) {
			return id;
		}

		public String get(String id, int version) {
			return id + version;
		}

	}

	public static class Targeted {

		public String target() {
			return "t";
		}

	}

	public static final class Unbound {

		public void info(RequestContext ctxt, String host) {
		}

	}

	public static final class BatchShaped {

		public void info(List<Notification<JsonNode>> notifications) {
		}

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

	public static final class TwoForInfo {

		public void info() {
		}

		@OnNotification(Priority.INFO)
		public void alsoInfo() {
		}

	}

	public static final class Hidden {

		public void info() {
		}

		@OnNotification(Priority.DEBUG)
		void onInfo() {
		}

	}

	public static final class NoPriority {

		@OnNotification({})
		public void onNothing() {
		}

	}

	public static final class OneByOne {

		public void info(String eventType) {
		}

	}

	public static final class NoParameter {

		public void info() {
		}

	}

	public static final class TwoLists {

		public void info(List<Notification<JsonNode>> first, List<Notification<JsonNode>> second) {
		}

	}

	@NotificationEndpoint(payload = "state")
	public static final class BadFilter {

		public void info() {
		}

	}

}
