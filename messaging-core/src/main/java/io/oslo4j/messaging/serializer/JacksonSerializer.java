package io.oslo4j.messaging.serializer;

import java.lang.reflect.Type;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Entities converted by a Jackson mapper, and nothing else: oslo's {@code NoOpSerializer}, in Java. */
final class JacksonSerializer implements Serializer {

	private final JsonMapper mapper;

	JacksonSerializer(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public JsonNode serializeEntity(RequestContext context, @Nullable Object entity) {
		if (entity instanceof String text) {
			// what valueToTree makes of it, without a serialization context and token buffer per value
			return this.mapper.getNodeFactory().stringNode(text);
		}
		return this.mapper.valueToTree(entity);
	}

	@Override
	public @Nullable Object deserializeEntity(RequestContext context, JsonNode entity, Type type) {
		if (type == JsonNode.class) {
			return entity;
		}
		if (entity.isString() && (type == String.class || type == Object.class)) {
			// what the reader makes of it, without a parser over the tree per value
			return entity.asString();
		}
		return this.mapper.readerFor(this.mapper.constructType(type)).readValue(entity);
	}

	@Override
	public String toString() {
		return "JacksonSerializer";
	}

}
