package io.oslo4j.messaging.objects;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.objects.TestObjects.Flavor;
import io.oslo4j.messaging.objects.TestObjects.Instance;
import io.oslo4j.messaging.objects.TestObjects.Tag;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link VersionedObjectSerializer} on clients, servers, notifiers and listeners: versioned
 * objects are parameters, results and payloads, and travel as oslo's primitives.
 */
class VersionedObjectSerializerTests {

	private static final Duration AWAIT = Duration.ofSeconds(10);

	private final Transport transport = Transport.open("fake:///" + MessageIds.newHexId());

	private final MessagingExecutor executor = MessagingExecutors.create(ExecutorKind.EVENTLET);

	private final VersionedObjectSerializer serializer = new VersionedObjectSerializer();

	private RpcServer server;

	private NotificationListener listener;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.shutdown(AWAIT);
		}
		if (this.listener != null) {
			this.listener.awaitTermination(AWAIT);
		}
		this.executor.disposeGracefully().block(AWAIT);
		this.transport.close();
	}

	@Test
	void objectsAreArgumentsAndResultsOfCallsBetweenJavaPeers() {
		serve(new Compute(), this.serializer);

		Flavor flavor = client().call(RequestContext.empty(), "get_flavor",
				Map.of("instance", new Instance("u1", "vm1", new Flavor("m1.small", 2048, null), null)), Flavor.class);

		assertThat(flavor).isEqualTo(new Flavor("m1.small", 2048, null));
	}

	@Test
	void listsOfObjectsAreArgumentsAndResults() {
		serve(new Compute(), this.serializer);

		List<Tag> tags = client().call(RequestContext.empty(), "reversed_tags",
				Map.of("tags", List.of(new Tag("a"), new Tag("b"))), new TypeReference<List<Tag>>() {
				});

		assertThat(tags).containsExactly(new Tag("b"), new Tag("a"));
	}

	@Test
	void argumentsGoOnTheWireAsPrimitives() {
		serve(new Raw(), null);

		JsonNode received = client().call(RequestContext.empty(), "echo", Map.of("value", new Tag("gold")));

		assertThat(received.get("nova_object.name").asString()).isEqualTo("Tag");
		assertThat(received.get("nova_object.data").get("tag").asString()).isEqualTo("gold");
		assertThat(received.get("nova_object.changes").get(0).asString()).isEqualTo("tag");
	}

	@Test
	void aNewerMajorVersionIsRefusedToTheCallerWithTheFix() {
		serve(new Compute(), this.serializer);
		Map<String, Object> newer = Map.of("nova_object.name", "Instance", "nova_object.namespace", "nova",
				"nova_object.version", "3.0", "nova_object.data", Map.of("uuid", "u1"));

		assertThatExceptionOfType(RemoteException.class)
			.isThrownBy(() -> RpcClient.create(this.transport, target())
				.call(RequestContext.empty(), "get_flavor", Map.of("instance", newer)))
			.withMessageContaining("argument 'instance'")
			.withMessageContaining("Object nova.Instance version 3.0 is not compatible");
	}

	@Test
	void objectsArePayloadsOfNotifications() {
		Queue<Instance> received = new ConcurrentLinkedQueue<>();
		this.listener = NotificationListener.builder(this.transport)
			.target(Target.topic("versioned"))
			.endpoint(new Object() {

				public void info(Instance payload) {
					received.add(payload);
				}

			})
			.executor(this.executor)
			.serializer(this.serializer)
			.build();
		this.listener.start();
		Notifier notifier = Notifier.builder(this.transport).topics("versioned").serializer(this.serializer).build();

		notifier.info(RequestContext.empty(), "instance.update", new Instance("u1", null, null, List.of(new Tag("t"))));

		await().atMost(AWAIT).until(() -> !received.isEmpty());
		assertThat(received.peek()).isEqualTo(new Instance("u1", null, null, List.of(new Tag("t"))));
	}

	private void serve(Object endpoint, @Nullable VersionedObjectSerializer serializer) {
		RpcServer.Builder builder = RpcServer.builder(this.transport, target().withServer("s1")).endpoint(endpoint);
		if (serializer != null) {
			builder.serializer(serializer);
		}
		this.server = builder.build();
		this.server.start();
	}

	private RpcClient client() {
		return RpcClient.builder(this.transport, target()).timeout(AWAIT).serializer(this.serializer).build();
	}

	private static Target target() {
		return Target.topic("objects");
	}

	@RpcEndpoint
	public static class Compute {

		public Flavor getFlavor(Instance instance) {
			return instance.flavor();
		}

		public List<Tag> reversedTags(List<Tag> tags) {
			return List.of(tags.get(1), tags.get(0));
		}

	}

	@RpcEndpoint
	public static class Raw {

		public JsonNode echo(JsonNode value) {
			return value;
		}

	}

}
