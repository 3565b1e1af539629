package io.oslo4j.messaging.boot.autoconfigure.actuate;

import java.time.Duration;
import java.util.Map;

import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.boot.actuate.MessagingEndpoint;
import io.oslo4j.messaging.boot.actuate.MethodStatistics;
import io.oslo4j.messaging.boot.autoconfigure.MessagingAutoConfiguration;
import io.oslo4j.messaging.boot.autoconfigure.NotificationAutoConfiguration;
import io.oslo4j.messaging.boot.autoconfigure.observation.MessagingObservationAutoConfiguration;
import io.oslo4j.messaging.boot.testsupport.HostInfo;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.notify.NotificationEndpoint;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MessagingEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, NotificationAutoConfiguration.class,
				ObservationAutoConfiguration.class, MessagingObservationAutoConfiguration.class,
				MessagingEndpointAutoConfiguration.class))
		.withUserConfiguration(MixedServiceConfiguration.class)
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(), "messaging.server.topic=compute",
				"messaging.server.name=c1", "messaging.executor=greenio",
				"management.endpoints.web.exposure.include=messaging");

	@Test
	void shouldDescribeEveryMethodOfAMixedServiceWithItsKindAndWhereItRuns() {
		this.contextRunner.run((context) -> {
			JsonNode server = board(context).get("servers").get(0);
			assertThat(server.get("type").asString()).isEqualTo("rpc-server");
			assertThat(server.get("topic").asString()).isEqualTo("compute");
			assertThat(server.get("server").asString()).isEqualTo("c1");
			assertThat(server.get("executor").asString()).isEqualTo("greenio");
			assertThat(server.get("lanes").toString())
				.isEqualTo("[{\"name\":\"worker\",\"inFlight\":0,\"limit\":64},"
						+ "{\"name\":\"greenio\",\"inFlight\":0,\"limit\":16384}]");
			JsonNode getHostInfo = method(server, "getHostInfo");
			assertThat(getHostInfo.get("rpcNames").toString()).isEqualTo("[\"getHostInfo\",\"get_host_info\"]");
			assertThat(getHostInfo.get("javaMethod").asString())
				.isEqualTo("MixedEndpoint.getHostInfo(String) → HostInfo");
			assertThat(getHostInfo.get("namespace").asString()).isEqualTo("compute");
			assertThat(getHostInfo.get("version").asString()).isEqualTo("2.3");
			assertThat(getHostInfo.get("kind").asString()).isEqualTo("blocking");
			assertThat(getHostInfo.get("runsOn").asString()).isEqualTo("worker");
			JsonNode resize = method(server, "resize");
			assertThat(resize.get("javaMethod").asString()).isEqualTo("MixedEndpoint.resize(String, String) → Mono<String>");
			assertThat(resize.get("kind").asString()).isEqualTo("reactive");
			assertThat(resize.get("runsOn").asString()).isEqualTo("greenio");
			assertThat(resize.get("blockingCalls").asLong()).isZero();
		});
	}

	@Test
	void shouldRunEveryMethodOnAWorkerUnderEventlet() {
		this.contextRunner.withPropertyValues("messaging.executor=eventlet").run((context) -> {
			JsonNode server = board(context).get("servers").get(0);
			assertThat(server.get("lanes").findValuesAsString("name")).containsExactly("worker");
			assertThat(method(server, "resize").get("kind").asString()).isEqualTo("reactive");
			assertThat(method(server, "resize").get("runsOn").asString()).isEqualTo("worker");
		});
	}

	@Test
	void shouldCountCallsAndErrorsPerJavaMethodWhicheverNameTheCallerUses() {
		this.contextRunner.run((context) -> {
			RpcClient client = context.getBean(RpcClient.class).withNamespace("compute").withVersion("2.3");
			client.call(RequestContext.empty(), "getHostInfo", Map.of("host", "h1"));
			client.call(RequestContext.empty(), "get_host_info", Map.of("host", "h2"));
			assertThatThrownBy(() -> client.call(RequestContext.empty(), "get_host_info", Map.of("host", "")))
				.isInstanceOf(RemoteException.class);
			client.call(RequestContext.empty(), "resize", Map.of("id", "vm", "flavor", "m1"));
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode server = board(context).get("servers").get(0);
				assertThat(method(server, "getHostInfo").get("calls").asLong()).isEqualTo(3);
				assertThat(method(server, "getHostInfo").get("errors").asLong()).isEqualTo(1);
				assertThat(method(server, "resize").get("calls").asLong()).isEqualTo(1);
			});
			JsonNode latency = method(board(context).get("servers").get(0), "getHostInfo").get("latency");
			assertThat(latency.propertyNames()).containsExactly("p50", "p95", "p99", "max");
			assertThat(latency.get("max").isNumber()).isTrue();
		});
	}

	@Test
	void shouldListNotificationListenersAndSummariseHowManyMethodsOfEachServiceAreReactive() {
		this.contextRunner.withUserConfiguration(EventsConfiguration.class).run((context) -> {
			JsonNode board = board(context);
			JsonNode listener = board.get("servers").get(1);
			assertThat(listener.get("type").asString()).isEqualTo("notification-listener");
			assertThat(listener.get("topics").toString()).isEqualTo("[\"notifications\"]");
			assertThat(listener.get("lanes").findValuesAsString("name")).containsExactly("worker", "greenio");
			assertThat(method(listener, "error").get("priorities").toString()).isEqualTo("[\"error\"]");
			assertThat(method(listener, "error").get("kind").asString()).isEqualTo("reactive");
			assertThat(method(listener, "info").get("kind").asString()).isEqualTo("blocking");
			assertThat(board.get("summary").toString())
				.isEqualTo("[{\"service\":\"compute\",\"methods\":2,\"reactive\":1,\"blocking\":1,\"allReactive\":false},"
						+ "{\"service\":\"notifications\",\"methods\":2,\"reactive\":1,\"blocking\":1,"
						+ "\"allReactive\":false}]");
		});
	}

	@Test
	void shouldNotOfferTheEndpointWhenItIsNotExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(MessagingEndpoint.class)
				.doesNotHaveBean(MethodStatistics.class));
	}

	@Test
	void shouldBackOffWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MessagingEndpoint.class));
	}

	@Test
	void shouldShowNoFiguresWithoutMicrometerCore() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(io.micrometer.core.instrument.Timer.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(MethodStatistics.class);
				JsonNode getHostInfo = method(board(context).get("servers").get(0), "getHostInfo");
				assertThat(getHostInfo.has("calls")).isFalse();
				assertThat(getHostInfo.get("kind").asString()).isEqualTo("blocking");
			});
	}

	static JsonNode board(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return JsonMapper.shared().valueToTree(context.getBean(MessagingEndpoint.class).messaging());
	}

	static JsonNode method(JsonNode server, String javaName) {
		for (JsonNode method : server.get("methods")) {
			if (method.get("javaMethod").asString().contains("." + javaName + "(")) {
				return method;
			}
		}
		throw new AssertionError("no method " + javaName + " in " + server);
	}

	@RpcEndpoint(namespace = "compute", version = "2.3")
	public static class MixedEndpoint {

		public HostInfo getHostInfo(String host) {
			if (host.isEmpty()) {
				throw new IllegalArgumentException("no host");
			}
			return new HostInfo(host, null);
		}

		public Mono<String> resize(String id, String flavor) {
			return Mono.just(id + ":" + flavor);
		}

	}

	@NotificationEndpoint
	public static class InstanceEvents {

		public void info(String eventType) {
		}

		public Mono<Void> error(String eventType) {
			return Mono.empty();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MixedServiceConfiguration {

		@Bean
		MixedEndpoint mixedEndpoint() {
			return new MixedEndpoint();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EventsConfiguration {

		@Bean
		InstanceEvents instanceEvents() {
			return new InstanceEvents();
		}

	}

}
