package io.oslo4j.messaging.objects;

import java.lang.reflect.Type;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.wire.WireJson;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link Serializer} of oslo.versionedobjects' {@code VersionedObjectSerializer}: entities
 * converted by Jackson with {@link VersionedObjectModule}, so that {@link VersionedObject} types,
 * and lists and maps of them, travel as oslo's object primitives; every other value as it would
 * without it. Contexts are unchanged.
 *
 * <pre>{@code
 * RpcServer server = RpcServer.builder(transport, target)
 *     .serializer(new VersionedObjectSerializer())
 *     .endpoint(new ComputeEndpoint())
 *     .build();
 * }</pre>
 *
 * @since 0.2
 */
public final class VersionedObjectSerializer implements Serializer {

	private final Serializer json;

	/** With the wire's default JSON settings ({@link WireJson#mapper()}). */
	public VersionedObjectSerializer() {
		this(WireJson.mapper());
	}

	/** With {@code mapper}'s settings, such as a transport's ({@code transport.envelope().mapper()}). */
	public VersionedObjectSerializer(JsonMapper mapper) {
		this.json = Serializer.jackson(mapper.rebuild().addModule(new VersionedObjectModule()).build());
	}

	@Override
	public JsonNode serializeEntity(RequestContext context, @Nullable Object entity) {
		return this.json.serializeEntity(context, entity);
	}

	@Override
	public @Nullable Object deserializeEntity(RequestContext context, JsonNode entity, Type type) {
		return this.json.deserializeEntity(context, entity, type);
	}

}
