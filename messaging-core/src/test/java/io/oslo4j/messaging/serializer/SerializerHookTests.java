package io.oslo4j.messaging.serializer;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.WireJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A {@link Serializer} is applied where oslo applies one: to contexts, arguments, results and payloads. */
class SerializerHookTests {

	private static final Duration AWAIT = Duration.ofSeconds(10);

	private final Transport transport = Transport.open("fake:///" + MessageIds.newHexId());

	private final MessagingExecutor executor = MessagingExecutors.create(ExecutorKind.EVENTLET);

	private final Marking serializer = new Marking();

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
	void aCallPassesEveryEntityAndContextThroughBothSerializers() {
		this.server = RpcServer.builder(this.transport, Target.topic("hooks").withServer("s1"))
			.endpoint(new Echo())
			.serializer(this.serializer)
			.build();
		this.server.start();
		RpcClient client = RpcClient.builder(this.transport, Target.topic("hooks")).timeout(AWAIT)
			.serializer(this.serializer).build();

		String result = client.call(RequestContext.of(Map.of("user", "u1")), "echo", Map.of("value", "v"), String.class);

		// client out, server in, the endpoint, server out, client in
		assertThat(result).isEqualTo("v>client<server>server>server<client");
		assertThat(Echo.contexts.peek().asMap()).containsEntry("user", "u1")
			.containsEntry("serialized", true)
			.containsEntry("deserialized", true);
	}

	@Test
	void aNotificationPassesItsPayloadAndContextThroughBothSerializers() {
		Queue<String> payloads = new ConcurrentLinkedQueue<>();
		Queue<RequestContext> contexts = new ConcurrentLinkedQueue<>();
		this.listener = NotificationListener.builder(this.transport)
			.target(Target.topic("hooked"))
			.endpoint(new Object() {

				public void info(RequestContext ctxt, String payload) {
					contexts.add(ctxt);
					payloads.add(payload);
				}

			})
			.executor(this.executor)
			.serializer(this.serializer)
			.build();
		this.listener.start();

		Notifier.builder(this.transport).topics("hooked").serializer(this.serializer).build()
			.info(RequestContext.of(Map.of("user_id", "u1")), "hook.test", "p");

		await().atMost(AWAIT).until(() -> !payloads.isEmpty());
		assertThat(payloads).containsExactly("p>notifier<listener");
		assertThat(contexts.peek().asMap()).containsEntry("serialized", true).containsEntry("deserialized", true);
	}

	@RpcEndpoint
	public static class Echo {

		static final Queue<RequestContext> contexts = new ConcurrentLinkedQueue<>();

		public String echo(RequestContext context, String value) {
			contexts.add(context);
			return value + ">server";
		}

	}

	/** Marks strings with the side that handled them, and contexts with the direction. */
	static final class Marking implements Serializer {

		private final Serializer json = Serializer.jackson(WireJson.mapper());

		@Override
		public JsonNode serializeEntity(RequestContext context, @Nullable Object entity) {
			String side = context.containsKey("deserialized") ? "server" : (context.containsKey("user") ? "client" : "notifier");
			return (entity instanceof String text) ? StringNode.valueOf(text + ">" + side) : this.json.serializeEntity(context, entity);
		}

		@Override
		public @Nullable Object deserializeEntity(RequestContext context, JsonNode entity, Type type) {
			String side = context.containsKey("deserialized") ? (context.containsKey("user") ? "server" : "listener") : "client";
			return entity.isString() ? entity.asString() + "<" + side : this.json.deserializeEntity(context, entity, type);
		}

		@Override
		public RequestContext serializeContext(RequestContext context) {
			return context.with("serialized", true);
		}

		@Override
		public RequestContext deserializeContext(RequestContext context) {
			return context.with("deserialized", true);
		}

	}

}
