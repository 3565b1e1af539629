package io.oslo4j.messaging.boot.rpc;

import java.time.Duration;
import java.util.Map;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.boot.testsupport.ComputeClient;
import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.HostInfo;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Typed clients made by hand with the factory, against a server on {@code fake://}. */
class RpcClientProxyFactoryTests {

	private Transport transport;

	private RpcServer server;

	private final ComputeEndpoint endpoint = new ComputeEndpoint();

	private RpcClientProxyFactory factory;

	@BeforeEach
	void startServer() {
		this.transport = Transport.open(TestUrls.uniqueFakeUrl());
		this.server = RpcServer.builder(this.transport, Target.topic("compute").withServer("c1"))
			.endpoint(this.endpoint)
			.executor(ExecutorKind.GREENIO)
			.build();
		this.server.start();
		RpcClient client = RpcClient.builder(this.transport, Target.empty()).timeout(Duration.ofSeconds(10)).build();
		this.factory = new RpcClientProxyFactory(client);
	}

	@AfterEach
	void stopServer() {
		this.server.shutdown(Duration.ofSeconds(5));
		this.transport.close();
	}

	@Test
	void shouldCallTheMethodOfTheSameNameWithArgumentsNamedAfterTheParameters() {
		assertThat(this.factory.createClient(ComputeClient.class).count("abc")).isEqualTo(3);
	}

	@Test
	void shouldSendTheContextParameterAsTheCallsContext() {
		HostInfo info = this.factory.createClient(ComputeClient.class)
			.getHostInfo(RequestContext.of(Map.of("user", "carol")), "h");
		assertThat(info).isEqualTo(new HostInfo("h", "carol"));
	}

	@Test
	void shouldSendAnEmptyContextWhenTheContextArgumentIsNull() {
		assertThat(this.factory.createClient(ComputeClient.class).getHostInfo(null, "h")).isEqualTo(new HostInfo("h", null));
	}

	@Test
	void shouldConvertTheResultToTheGenericReturnType() {
		assertThat(this.factory.createClient(ComputeClient.class).hosts(3)).hasSize(3)
			.allSatisfy((host) -> assertThat(host).isInstanceOf(HostInfo.class))
			.first()
			.isEqualTo(new HostInfo("host-0", null));
	}

	@Test
	void shouldSendOnSubscriptionWhenTheMethodReturnsMono() {
		Mono<String> resize = this.factory.createClient(ComputeClient.class).resize("vm", "m1");
		assertThat(this.endpoint.threads).isEmpty();
		StepVerifier.create(resize).expectNext("vm:m1").verifyComplete();
	}

	@Test
	void shouldCallUnderTheRpcMethodAndRpcParamNamesWhenGiven() throws Exception {
		assertThat(this.factory.createClient(ComputeClient.class).slowFuture("x").get()).isEqualTo("x");
	}

	@Test
	void shouldCastWhenTheMethodReturnsVoid() {
		this.factory.createClient(ComputeClient.class).rebootInstance("vm-1");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.endpoint.reboots.contains("vm-1"));
	}

	@Test
	void shouldThrowTheRemoteFailureWhenTheEndpointFails() {
		// A void method is a cast, so the failure is only seen through a call.
		ComputeFailures client = this.factory.createClient(ComputeFailures.class);
		assertThatThrownBy(() -> client.fail("boom")).isInstanceOfSatisfying(RemoteException.class, (ex) -> {
			assertThat(ex.getExcType()).isEqualTo("IllegalArgumentException");
			assertThat(ex.getValue()).isEqualTo("boom");
		});
		StepVerifier.create(client.failLater("later")).expectError(RemoteException.class).verify(Duration.ofSeconds(5));
	}

	@Test
	void shouldTimeOutAfterTheInterfacesTimeoutWhenNoServerAnswers() {
		ComputeElsewhere client = this.factory.createClient(ComputeElsewhere.class);
		assertThatThrownBy(() -> client.count("abc")).isInstanceOf(MessagingTimeoutException.class);
	}

	@Test
	void shouldReturnNullForABoxedResultAndRefuseNullForAPrimitiveResult() {
		NullResults client = this.factory.createClient(NullResults.class);
		assertThat(client.getHostInfoOrNull("vm-0")).isNull();
		assertThatIllegalStateException().isThrownBy(() -> client.reboot("vm-2"))
			.withMessageContaining("returned null")
			.withMessageContaining("use Integer");
	}

	@Test
	void shouldCompleteEmptyWhenAMonoMethodReturnsNull() {
		StepVerifier.create(this.factory.createClient(NullResults.class).rebootLater("vm-3")).verifyComplete();
	}

	@Test
	void shouldRunDefaultMethodsAsWritten() {
		assertThat(this.factory.createClient(ComputeClient.class).describe("h")).isEqualTo("h described");
	}

	@Test
	void shouldDescribeTheProxyWhenPrinted() {
		ComputeClient client = this.factory.createClient(ComputeClient.class);
		assertThat(client).hasToString("RPC client " + ComputeClient.class.getName()
				+ " for <Target topic=compute, namespace=compute, version=2.0>");
		assertThat(client).isEqualTo(client).isNotEqualTo(this.factory.createClient(ComputeClient.class));
	}

	@Test
	void shouldResolvePlaceholdersInTheAnnotationWhenAResolverIsGiven() {
		RpcClient client = RpcClient.create(this.transport, Target.empty());
		RpcClientProxyFactory resolving = new RpcClientProxyFactory(client, io.oslo4j.messaging.wire.WireJson.mapper(),
				(value) -> value.replace("${test.compute.topic:compute}", "elsewhere"));
		assertThat(resolving.createClient(ComputeClient.class).toString()).contains("topic=elsewhere");
	}

	@Test
	void shouldRefuseAnInterfaceWithoutTopicWhenTheClientHasNone() {
		assertThatIllegalStateException().isThrownBy(() -> this.factory.createClient(NoTopic.class))
			.withMessageContaining(NoTopic.class.getName())
			.withMessageContaining("messaging.client.topic");
	}

	@Test
	void shouldRefuseAMethodReturningFluxWhenTheProxyIsCreated() {
		assertThatIllegalStateException().isThrownBy(() -> this.factory.createClient(ReturnsFlux.class))
			.withMessageContaining("ReturnsFlux.hosts returns Flux")
			.withMessageContaining("Mono<List<T>>");
	}

	@Test
	void shouldRefuseAClassWhenAskedForAClient() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.createClient(ComputeEndpoint.class))
			.withMessageContaining("is not an interface");
	}

	@RpcClientInterface(topic = "compute", namespace = "compute", version = "2.0")
	interface ComputeFailures {

		@io.oslo4j.messaging.rpc.RpcMethod("fail")
		Object fail(String message);

		@io.oslo4j.messaging.rpc.RpcMethod("fail")
		Mono<Void> failLater(String message);

	}

	@RpcClientInterface(topic = "nobody-listens", timeout = "200ms")
	interface ComputeElsewhere {

		int count(String value);

	}

	@RpcClientInterface(topic = "compute", namespace = "compute", version = "2.0")
	interface NullResults {

		@io.oslo4j.messaging.rpc.RpcMethod("reboot")
		int reboot(String id);

		@io.oslo4j.messaging.rpc.RpcMethod("reboot")
		Mono<String> rebootLater(String id);

		@io.oslo4j.messaging.rpc.RpcMethod("reboot")
		HostInfo getHostInfoOrNull(@io.oslo4j.messaging.rpc.RpcParam("id") String id);

	}

	interface NoTopic {

		int count(String value);

	}

	@RpcClientInterface(topic = "compute")
	interface ReturnsFlux {

		Flux<HostInfo> hosts(int count);

	}

}
