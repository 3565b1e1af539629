package io.oslo4j.messaging.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.AccessPolicy;
import io.oslo4j.messaging.rpc.NoSuchRpcMethodException;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcMethod;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Only what the access policy allows can be called, tried from the wire against running servers:
 * whatever a request names (an underscore method, one of {@link Object}'s, a static, package,
 * protected or private method, a method of a bean that is not an endpoint, a dotted path), the
 * caller gets {@code NoSuchMethod} and nothing runs.
 */
@ExtendWith(RabbitTestSupport.class)
class AccessPolicyOverTheWireTests {

	/** Names no policy may reach, with every spelling a caller might try. */
	private static final List<String> NEVER_CALLABLE = List.of("getClass", "get_class", "hashCode", "hash_code",
			"toString", "to_string", "equals", "wait", "notify", "notifyAll", "notify_all", "clone", "finalize",
			"staticMethod", "static_method", "packagePrivate", "package_private", "protectedMethod", "protected_method",
			"privateMethod", "private_method", "dangerous", "helper", "helper.dangerous", "allowed.getClass",
			"__init__", "__class__", "", " allowed", "allowed ", "ALLOWED", "target");

	private static final Set<String> invoked = ConcurrentHashMap.newKeySet();

	private final List<RpcServer> servers = new ArrayList<>();

	private final List<String> topics = new ArrayList<>();

	private Transport transport;

	@BeforeEach
	void open() {
		invoked.clear();
		this.transport = Transport.open(RabbitTestSupport.url());
	}

	@AfterEach
	void close() {
		this.servers.forEach((server) -> server.shutdown(Duration.ofSeconds(10)));
		this.transport.close();
		List<String> queues = new ArrayList<>();
		this.topics.forEach((topic) -> queues.addAll(List.of(topic, topic + ".s1")));
		RabbitTestSupport.delete(queues, this.topics.stream().map((topic) -> topic + "_fanout").toList());
	}

	@Test
	void theDefaultPolicyServesPublicMethodsAndNothingElse() {
		RpcClient client = serve(AccessPolicy.DEFAULT);
		assertThat(client.call(RequestContext.empty(), "allowed", Map.of(), String.class)).isEqualTo("allowed");
		assertThat(client.call(RequestContext.empty(), "not_annotated", Map.of(), String.class)).isEqualTo("not annotated");
		assertRefused(client, "_hidden");
		NEVER_CALLABLE.forEach((method) -> assertRefused(client, method));
		assertThat(invoked).containsExactlyInAnyOrder("allowed", "notAnnotated");
	}

	@Test
	void theExplicitPolicyServesAnnotatedMethodsOnly() {
		RpcClient client = serve(AccessPolicy.EXPLICIT);
		assertThat(client.call(RequestContext.empty(), "allowed", Map.of(), String.class)).isEqualTo("allowed");
		assertRefused(client, "not_annotated");
		assertRefused(client, "notAnnotated");
		assertRefused(client, "_hidden");
		NEVER_CALLABLE.forEach((method) -> assertRefused(client, method));
		assertThat(invoked).containsExactly("allowed");
	}

	@Test
	void theLegacyPolicyAllowsUnderscoreNamesButStillNoObjectStaticOrHiddenMethod() {
		RpcClient client = serve(AccessPolicy.LEGACY);
		assertThat(client.call(RequestContext.empty(), "_hidden", Map.of(), String.class)).isEqualTo("hidden");
		NEVER_CALLABLE.forEach((method) -> assertRefused(client, method));
		assertThat(invoked).containsExactly("_hidden");
	}

	private RpcClient serve(AccessPolicy policy) {
		String topic = "access-" + MessageIds.newHexId().substring(0, 10);
		this.topics.add(topic);
		RpcServer server = RpcServer.builder(this.transport, Target.topic(topic).withServer("s1"))
			.endpoint(new Guarded())
			.accessPolicy(policy)
			.executor(ExecutorKind.EVENTLET)
			.build();
		server.start();
		this.servers.add(server);
		return RpcClient.create(this.transport, Target.topic(topic)).withTimeout(Duration.ofSeconds(10));
	}

	private static void assertRefused(RpcClient client, String method) {
		assertThatExceptionOfType(NoSuchRpcMethodException.class).as("calling '%s'", method)
			.isThrownBy(() -> client.call(RequestContext.empty(), method, Map.of()));
	}

	/** An endpoint with every kind of method a caller should not reach, beside two it may. */
	public static class Guarded {

		private final Helper helper = new Helper();

		@RpcMethod
		public String allowed() {
			invoked.add("allowed");
			return "allowed";
		}

		public String notAnnotated() {
			invoked.add("notAnnotated");
			return "not annotated";
		}

		public String _hidden() {
			invoked.add("_hidden");
			return "hidden";
		}

		public static String staticMethod() {
			invoked.add("staticMethod");
			return "static";
		}

		String packagePrivate() {
			invoked.add("packagePrivate");
			return "package";
		}

		protected String protectedMethod() {
			invoked.add("protectedMethod");
			return "protected";
		}

		@SuppressWarnings("unused")
		private String privateMethod() {
			invoked.add("privateMethod");
			return "private";
		}

		@Override
		public String toString() {
			invoked.add("toString");
			return "Guarded";
		}

		Helper helper() {
			return this.helper;
		}

	}

	/** A bean of the application that is not an endpoint. */
	public static class Helper {

		public String dangerous() {
			invoked.add("dangerous");
			return "dangerous";
		}

	}

}
