package io.oslo4j.messaging.rpc;

import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.Target;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;

import static io.oslo4j.messaging.rpc.DispatcherFixture.dispatcher;
import static io.oslo4j.messaging.rpc.DispatcherFixture.invoke;
import static io.oslo4j.messaging.rpc.DispatcherFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RpcDispatcherTests {

	@Test
	void theFirstCompatibleEndpointWithTheMethodWins() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, new Endpoint(new Named("first"), Target.endpoint(null, "1.0")),
				new Endpoint(new Named("second"), Target.endpoint(null, "1.0")));
		assertThat(invoke(dispatcher, request("name", null, null))).isEqualTo("first");
	}

	@Test
	void endpointsOfAnotherNamespaceAreSkipped() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, new Endpoint(new Named("ns1"), Target.endpoint("ns1", "1.3")),
				new Endpoint(new Named("default"), Target.endpoint(null, "1.3")));
		assertThat(invoke(dispatcher, request("name", "ns1", "1.3"))).isEqualTo("ns1");
		assertThat(invoke(dispatcher, request("name", null, "1.3"))).isEqualTo("default");
	}

	@Test
	void legacyNamespacesAreAccepted() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT,
				new Endpoint(new Named("new"), Target.endpoint("compute", "1.0").withLegacyNamespaces(List.of("nova"))));
		assertThat(invoke(dispatcher, request("name", "nova", null))).isEqualTo("new");
	}

	@Test
	void olderMinorVersionsAreServedAndNewerOnesAreNot() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, new Endpoint(new Named("v13"), Target.endpoint("ns1", "1.3")));
		assertThat(invoke(dispatcher, request("name", "ns1", "1.2"))).isEqualTo("v13");
		assertThat(invoke(dispatcher, request("name", "ns1", "1.3"))).isEqualTo("v13");
		assertThatExceptionOfType(UnsupportedVersionException.class)
			.isThrownBy(() -> dispatcher.resolve(request("name", "ns1", "1.4")))
			.withMessageContaining("Endpoint does not support RPC version 1.4. Attempted method: name");
		assertThatExceptionOfType(UnsupportedVersionException.class)
			.isThrownBy(() -> dispatcher.resolve(request("name", "ns1", "2.0")));
	}

	@Test
	void aRequestWithoutVersionIsVersionOneZero() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, new Endpoint(new Named("v2"), Target.endpoint(null, "2.0")));
		assertThatExceptionOfType(UnsupportedVersionException.class)
			.isThrownBy(() -> dispatcher.resolve(request("name", null, null)))
			.satisfies((ex) -> assertThat(ex.getValue()).contains("RPC version 1.0"));
	}

	@Test
	void anUnknownMethodOnACompatibleEndpointIsNoSuchMethod() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, new Endpoint(new Named("x"), Target.endpoint(null, "1.0")));
		assertThatExceptionOfType(NoSuchRpcMethodException.class)
			.isThrownBy(() -> dispatcher.resolve(request("missing", null, null)))
			.satisfies((ex) -> {
				assertThat(ex.getExcType()).isEqualTo("NoSuchMethod");
				assertThat(ex.getModule()).isEqualTo("oslo_messaging.rpc.dispatcher");
				assertThat(ex.getValue()).isEqualTo("Endpoint does not support RPC method missing");
			});
	}

	@Test
	void anUnknownNamespaceIsUnsupportedVersionEvenIfTheMethodExistsElsewhere() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, new Endpoint(new Named("x"), Target.endpoint(null, "1.0")));
		assertThatExceptionOfType(UnsupportedVersionException.class)
			.isThrownBy(() -> dispatcher.resolve(request("name", "other", null)));
	}

	@Test
	void aRequestWithoutMethodIsATypeError() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, new Endpoint(new Named("x"), Target.endpoint(null, "1.0")));
		assertThatExceptionOfType(ArgumentException.class).isThrownBy(() -> dispatcher.resolve(request(null, null, null)));
	}

	@Test
	void theDefaultPolicyHidesUnderscoreObjectAndNonPublicMethods() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, Endpoint.of(new Guarded()));
		assertThat(invoke(dispatcher, request("open", null, null))).isEqualTo("open");
		for (String hidden : List.of("_secret", "toString", "hashCode", "getClass", "wait", "notify", "packagePrivate",
				"staticMethod")) {
			assertThatExceptionOfType(NoSuchRpcMethodException.class).as(hidden)
				.isThrownBy(() -> dispatcher.resolve(request(hidden, null, null)));
		}
	}

	@Test
	void theLegacyPolicyAllowsUnderscoreMethods() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.LEGACY, Endpoint.of(new Guarded()));
		assertThat(invoke(dispatcher, request("_secret", null, null))).isEqualTo("secret");
	}

	@Test
	void theExplicitPolicyExposesOnlyAnnotatedMethods() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.EXPLICIT, Endpoint.of(new Guarded()));
		assertThat(invoke(dispatcher, request("exposed_by_name", null, null))).isEqualTo("exposed");
		assertThatExceptionOfType(NoSuchRpcMethodException.class)
			.isThrownBy(() -> dispatcher.resolve(request("open", null, null)));
	}

	@Test
	void withPingEnabledTheServerAnswersOslosPingWithPongInTheDefaultNamespace() {
		RpcDispatcher dispatcher = new RpcDispatcher(List.of(new Endpoint(new Named("x"), Target.endpoint("compute", "2.3"))),
				AccessPolicy.EXPLICIT, DispatcherFixture.MAPPER, true);
		assertThat(invoke(dispatcher, request("oslo_rpc_server_ping", null, null))).isEqualTo("pong");
		assertThat(invoke(dispatcher, request("oslo_rpc_server_ping", null, "1.0"))).isEqualTo("pong");
		// oslo's ping takes **kwargs
		assertThat(invoke(dispatcher, request("oslo_rpc_server_ping", null, null, Map.of("any", 1)))).isEqualTo("pong");
		// Only in the default namespace at 1.x, as oslo's PingEndpoint, which declares no target.
		assertThatExceptionOfType(NoSuchRpcMethodException.class)
			.isThrownBy(() -> dispatcher.resolve(request("oslo_rpc_server_ping", "compute", "2.0")));
		assertThatExceptionOfType(UnsupportedVersionException.class)
			.isThrownBy(() -> dispatcher.resolve(request("oslo_rpc_server_ping", null, "2.0")));
	}

	@Test
	void withoutPingEnabledThePingIsAnUnknownMethod() {
		RpcDispatcher dispatcher = dispatcher(AccessPolicy.DEFAULT, new Endpoint(new Named("x"), Target.endpoint(null, "1.0")));
		assertThatExceptionOfType(NoSuchRpcMethodException.class)
			.isThrownBy(() -> dispatcher.resolve(request("oslo_rpc_server_ping", null, null)));
	}

	@Test
	void anEndpointsOwnPingMethodWinsOverOslosAsInOslo() {
		RpcDispatcher dispatcher = new RpcDispatcher(List.of(Endpoint.of(new OwnPing())), AccessPolicy.DEFAULT, DispatcherFixture.MAPPER,
				true);
		assertThat(invoke(dispatcher, request("oslo_rpc_server_ping", null, null))).isEqualTo("mine");
	}

	@Test
	void theAnnotationGivesTheEndpointItsTarget() {
		Endpoint endpoint = Endpoint.of(new Annotated());
		assertThat(endpoint.target().namespace()).isEqualTo("compute");
		assertThat(endpoint.target().version()).isEqualTo("2.3");
		assertThat(endpoint.target().legacyNamespaces()).containsExactly("nova");
		assertThat(Endpoint.of(new Named("x")).target()).isEqualTo(Target.endpoint(null, "1.0"));
	}

	@Test
	void anEndpointBehindASpringProxyIsServedWithItsClassesAnnotation() {
		ProxyFactory proxies = new ProxyFactory(new Annotated());
		proxies.setProxyTargetClass(true);
		Endpoint endpoint = Endpoint.of(proxies.getProxy());
		assertThat(endpoint.target().namespace()).isEqualTo("compute");
		assertThat(invoke(dispatcher(AccessPolicy.DEFAULT, endpoint), request("ping", "compute", "2.3"))).isEqualTo("pong");
	}

	public static class Named {

		private final String name;

		Named(String name) {
			this.name = name;
		}

		public String name() {
			return this.name;
		}

	}

	public static class Guarded {

		public String open() {
			return "open";
		}

		public String _secret() {
			return "secret";
		}

		@RpcMethod("exposed_by_name")
		public String exposed() {
			return "exposed";
		}

		String packagePrivate() {
			return "package";
		}

		public static String staticMethod() {
			return "static";
		}

		@Override
		public String toString() {
			return "guarded";
		}

	}

	public static class OwnPing {

		public String oslo_rpc_server_ping() {
			return "mine";
		}

	}

	@RpcEndpoint(namespace = "compute", version = "2.3", legacyNamespaces = "nova")
	public static class Annotated {

		public String ping() {
			return "pong";
		}

	}

}
