package io.oslo4j.messaging.objects;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.PropertyWriter;

/**
 * Writes a {@link VersionedObject} as oslo's primitive around the bean serializer Jackson built
 * for it, which writes {@code data}. The {@code changes} are the properties that are not null:
 * what a Python object reports after its fields were assigned.
 */
final class PrimitiveSerializer extends ValueSerializer<Object> {

	private final ObjectType type;

	private final ValueSerializer<Object> data;

	@SuppressWarnings("unchecked")
	PrimitiveSerializer(ObjectType type, ValueSerializer<?> data) {
		this.type = type;
		this.data = (ValueSerializer<Object>) data;
	}

	@Override
	public void resolve(SerializationContext ctxt) {
		this.data.resolve(ctxt);
	}

	@Override
	public ValueSerializer<?> createContextual(SerializationContext ctxt, BeanProperty property) {
		ValueSerializer<?> contextual = this.data.createContextual(ctxt, property);
		return (contextual == this.data) ? this : new PrimitiveSerializer(this.type, contextual);
	}

	@Override
	public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
		List<String> changes = setFields(value, ctxt);
		gen.writeStartObject(value);
		gen.writeStringProperty(this.type.key("name"), this.type.name());
		gen.writeStringProperty(this.type.key("namespace"), this.type.namespace());
		gen.writeStringProperty(this.type.key("version"), this.type.version().toString());
		gen.writeName(this.type.key("data"));
		this.data.serialize(value, gen, ctxt);
		if (!changes.isEmpty()) {
			gen.writeName(this.type.key("changes"));
			gen.writeStartArray();
			for (String change : changes) {
				gen.writeString(change);
			}
			gen.writeEndArray();
		}
		gen.writeEndObject();
	}

	private List<String> setFields(Object value, SerializationContext ctxt) {
		List<String> changes = new ArrayList<>();
		for (Iterator<PropertyWriter> properties = this.data.properties(); properties.hasNext();) {
			PropertyWriter property = properties.next();
			if (property instanceof BeanPropertyWriter writer && read(writer, value, ctxt) != null) {
				changes.add(writer.getName());
			}
		}
		return changes;
	}

	private @Nullable Object read(BeanPropertyWriter writer, Object value, SerializationContext ctxt) {
		try {
			return writer.get(value);
		}
		catch (Exception ex) {
			throw DatabindException.from(ctxt, "Cannot read field '" + writer.getName() + "' of "
					+ this.type.qualifiedName() + " (" + this.type.javaType().getName() + "): " + ex, ex);
		}
	}

}
