package io.oslo4j.messaging.objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * The Jackson module that reads and writes {@link VersionedObject} types as oslo's object
 * primitive, wherever they appear: a value, a field of another object, an element of a list or a
 * value of a map. Other types are left as they are. Register it on any {@code JsonMapper}
 * ({@code JsonMapper.builder().addModule(new VersionedObjectModule())}), or let
 * {@link VersionedObjectSerializer} do it.
 *
 * @since 0.2
 */
public final class VersionedObjectModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	public VersionedObjectModule() {
		super("oslo4j-versioned-objects");
		setSerializerModifier(new ValueSerializerModifier() {

			private static final long serialVersionUID = 1L;

			@Override
			public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier description,
					ValueSerializer<?> serializer) {
				ObjectType type = objectType(description.getBeanClass());
				return (type != null) ? new PrimitiveSerializer(type, serializer) : serializer;
			}

		});
		setDeserializerModifier(new ValueDeserializerModifier() {

			private static final long serialVersionUID = 1L;

			@Override
			public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				ObjectType type = objectType(description.getBeanClass());
				return (type != null) ? new PrimitiveDeserializer(type, deserializer) : deserializer;
			}

		});
	}

	/** What the class's annotation says, or null for a class that is not a versioned object. */
	private static @Nullable ObjectType objectType(Class<?> javaType) {
		// Jackson asks once per type: it caches the (de)serializers it built.
		VersionedObject annotation = javaType.getAnnotation(VersionedObject.class);
		return (annotation != null) ? ObjectType.of(javaType, annotation) : null;
	}

}
