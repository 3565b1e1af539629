package io.oslo4j.messaging.objects;

import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.Version;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads oslo's primitive of a {@link VersionedObject}: checks its name, namespace and major
 * version against the Java type, then hands {@code data} to the bean deserializer Jackson built
 * for the type. {@code changes} say which fields a Python sender assigned; the Java value has no
 * place for them, and every field it holds is sent back as set.
 */
final class PrimitiveDeserializer extends ValueDeserializer<Object> {

	private final ObjectType type;

	private final ValueDeserializer<?> data;

	PrimitiveDeserializer(ObjectType type, ValueDeserializer<?> data) {
		this.type = type;
		this.data = data;
	}

	@Override
	public void resolve(DeserializationContext ctxt) {
		this.data.resolve(ctxt);
	}

	@Override
	public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
		ValueDeserializer<?> contextual = this.data.createContextual(ctxt, property);
		return (contextual == this.data) ? this : new PrimitiveDeserializer(this.type, contextual);
	}

	@Override
	public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
		JsonNode primitive = ctxt.readTree(p);
		String prefix = this.type.keyPrefix();
		if (!primitive.isObject() || !primitive.has(this.type.key("name"))) {
			return mismatch(ctxt, "Expected the " + prefix + ".* primitive of " + this.type.qualifiedName() + " (an object with "
					+ prefix + ".name, .namespace, .version and .data), got " + describe(primitive) + ": the sender must "
					+ "serialize it as a versioned object (Python: VersionedObjectSerializer; oslo4j: "
					+ "VersionedObjectSerializer or VersionedObjectModule)");
		}
		String name = primitive.path(this.type.key("name")).asString("");
		String namespace = primitive.path(this.type.key("namespace")).asString("");
		if (!name.equals(this.type.name()) || !namespace.equals(this.type.namespace())) {
			return mismatch(ctxt, "Expected object " + this.type.qualifiedName() + ", got " + namespace + "." + name
					+ ": declare it as a Java type annotated @VersionedObject(namespace = \"" + namespace + "\", name = \""
					+ name + "\")");
		}
		checkVersion(primitive.path(this.type.key("version")).asString(""), ctxt);
		JsonNode data = primitive.path(this.type.key("data"));
		if (!data.isObject()) {
			return mismatch(ctxt, "Object " + this.type.qualifiedName() + " has no " + this.type.key("data") + " object");
		}
		try (JsonParser fields = data.traverse(ctxt)) {
			fields.nextToken();
			return this.data.deserialize(fields, ctxt);
		}
	}

	/** oslo's rule for a compatible object: the same major; a newer minor only adds fields, which are ignored. */
	private void checkVersion(String received, DeserializationContext ctxt) {
		Version version;
		try {
			version = Version.parse(received);
		}
		catch (MessagingException ex) {
			mismatch(ctxt, "Object " + this.type.qualifiedName() + " has version '" + received + "', which is not MAJOR.MINOR");
			return;
		}
		int ours = this.type.version().major();
		if (version.major() == ours) {
			return;
		}
		String fix = (version.major() > ours)
				? "the sender must send " + ours + ".x (pin it with [upgrade_levels] or a version cap), or the Java type "
						+ "must be updated to " + received
				: "the sender must send " + ours + ".x";
		mismatch(ctxt, "Object " + this.type.qualifiedName() + " version " + received + " is not compatible with "
				+ this.type.javaType().getName() + ", which implements version " + this.type.version()
				+ " (a new major version changes fields incompatibly): " + fix);
	}

	private Object mismatch(DeserializationContext ctxt, String message) {
		return ctxt.reportInputMismatch(this.type.javaType(), message);
	}

	private static String describe(@Nullable JsonNode node) {
		if (node == null) {
			return "nothing";
		}
		String text = node.toString();
		return (text.length() > 120) ? text.substring(0, 120) + "..." : text;
	}

}
