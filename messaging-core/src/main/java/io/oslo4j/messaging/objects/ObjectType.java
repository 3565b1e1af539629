package io.oslo4j.messaging.objects;

import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.Version;

/** What a {@link VersionedObject} annotation says about one Java type, read once. */
record ObjectType(Class<?> javaType, String name, String namespace, Version version, String keyPrefix) {

	static ObjectType of(Class<?> javaType, VersionedObject annotation) {
		String name = annotation.name().isEmpty() ? javaType.getSimpleName() : annotation.name();
		String prefix = annotation.keyPrefix().isEmpty() ? annotation.namespace() + "_object" : annotation.keyPrefix();
		Version version;
		try {
			version = Version.parse(annotation.version());
		}
		catch (MessagingException ex) {
			throw new IllegalArgumentException("@VersionedObject(version = \"" + annotation.version() + "\") on "
					+ javaType.getName() + " is not a version: write MAJOR.MINOR, as oslo's VERSION", ex);
		}
		return new ObjectType(javaType, name, annotation.namespace(), version, prefix);
	}

	/** A key of the primitive: {@code nova_object.data}. */
	String key(String field) {
		return this.keyPrefix + "." + field;
	}

	String qualifiedName() {
		return this.namespace + "." + this.name;
	}

}
