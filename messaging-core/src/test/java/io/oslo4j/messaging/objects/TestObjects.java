package io.oslo4j.messaging.objects;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Versioned objects shaped like nova's, for the tests. */
final class TestObjects {

	private TestObjects() {
	}

	@VersionedObject(namespace = "nova", name = "Flavor", version = "1.2")
	record Flavor(String name, int memoryMb, @Nullable Map<String, String> extraSpecs) {
	}

	@VersionedObject(namespace = "nova", name = "Instance", version = "2.8")
	record Instance(String uuid, @Nullable String hostname, @Nullable Flavor flavor, @Nullable List<Tag> tags) {
	}

	@VersionedObject(namespace = "nova", version = "1.0")
	record Tag(String tag) {
	}

	@VersionedObject(namespace = "versionedobjects", name = "Thing", version = "1.1", keyPrefix = "versioned_object")
	static final class Thing {

		private @Nullable String label;

		public @Nullable String getLabel() {
			return this.label;
		}

		public void setLabel(@Nullable String label) {
			this.label = label;
		}

	}

}
