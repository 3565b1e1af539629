package io.oslo4j.messaging.serializer;

import java.lang.reflect.Type;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * oslo.messaging's {@code Serializer}: turns entities (arguments, results, notification payloads)
 * and request contexts into what goes on the wire, and back. {@code RpcClient}, {@code RpcServer},
 * {@code Notifier} and {@code NotificationListener} take one in their builders and apply it where
 * oslo does:
 *
 * <ul>
 * <li>a client serializes each argument and then the context, and deserializes the result with
 * the context it sent;</li>
 * <li>a server deserializes the context, then each argument with that context, and serializes the
 * result;</li>
 * <li>a notifier serializes the payload and the (whitelisted) context; a listener deserializes
 * the context and the payload.</li>
 * </ul>
 *
 * <p>Unlike Python's, a Java entity is read for a declared type: the parameter's, the result type
 * a client asked for, or the payload type of a notification endpoint. {@code JsonNode} and
 * {@code Object} give the JSON as received. Failures are Jackson's exceptions; the caller names
 * the argument or payload they concern.
 *
 * <p>The default, {@link #jackson(JsonMapper)} with the transport's mapper, converts with Jackson
 * and nothing more, as oslo's {@code NoOpSerializer} passes entities through.
 * {@code io.oslo4j.messaging.objects.VersionedObjectSerializer} adds oslo.versionedobjects.
 * Implementations must be thread-safe.
 *
 * @since 0.2
 */
public interface Serializer {

	/** An entity as it goes on the wire: oslo's {@code serialize_entity}. */
	JsonNode serializeEntity(RequestContext context, @Nullable Object entity);

	/** An entity from the wire as the declared {@code type}: oslo's {@code deserialize_entity}. */
	@Nullable Object deserializeEntity(RequestContext context, JsonNode entity, Type type);

	/** The context as it goes on the wire: oslo's {@code serialize_context}. Unchanged by default. */
	default RequestContext serializeContext(RequestContext context) {
		return context;
	}

	/** The context from the wire, as endpoints see it: oslo's {@code deserialize_context}. Unchanged by default. */
	default RequestContext deserializeContext(RequestContext context) {
		return context;
	}

	/** The pass-through serializer: entities converted by {@code mapper}, contexts unchanged. */
	static Serializer jackson(JsonMapper mapper) {
		return new JacksonSerializer(mapper);
	}

}
