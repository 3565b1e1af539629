package io.oslo4j.messaging.objects;

import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.objects.TestObjects.Flavor;
import io.oslo4j.messaging.objects.TestObjects.Instance;
import io.oslo4j.messaging.objects.TestObjects.Tag;
import io.oslo4j.messaging.objects.TestObjects.Thing;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A {@link VersionedObject} on the wire is oslo.versionedobjects' primitive, read and written by the module. */
class VersionedObjectModuleTests {

	private final JsonMapper mapper = JsonMapper.builder().addModule(new VersionedObjectModule()).build();

	@Test
	void writesTheNameNamespaceVersionDataAndChangesOfAnObject() {
		JsonNode primitive = this.mapper.valueToTree(new Tag("gold"));

		assertThat(primitive).isEqualTo(json("""
				{"nova_object.name": "Tag", "nova_object.namespace": "nova", "nova_object.version": "1.0",
				 "nova_object.data": {"tag": "gold"}, "nova_object.changes": ["tag"]}"""));
	}

	@Test
	void leavesNullFieldsUnsetAndOutOfTheChanges() {
		JsonNode primitive = this.mapper.valueToTree(new Instance("u1", null, null, null));

		assertThat(primitive.get("nova_object.data")).isEqualTo(json("{\"uuid\": \"u1\"}"));
		assertThat(primitive.get("nova_object.changes")).isEqualTo(json("[\"uuid\"]"));
	}

	@Test
	void namesFieldsInSnakeCaseAsPythonDoes() {
		JsonNode primitive = this.mapper.valueToTree(new Flavor("m1.small", 2048, null));

		assertThat(primitive.get("nova_object.data")).isEqualTo(json("{\"name\": \"m1.small\", \"memory_mb\": 2048}"));
		assertThat(primitive.get("nova_object.changes")).isEqualTo(json("[\"name\", \"memory_mb\"]"));
	}

	@Test
	void nestsObjectsAndListsAndMapsOfObjects() {
		Instance instance = new Instance("u1", "vm1", new Flavor("m1.small", 2048, Map.of("hw:cpu", "2")),
				List.of(new Tag("a"), new Tag("b")));

		JsonNode primitive = this.mapper.valueToTree(Map.of("one", instance));

		JsonNode data = primitive.get("one").get("nova_object.data");
		assertThat(data.get("flavor").get("nova_object.name").asString()).isEqualTo("Flavor");
		assertThat(data.get("tags").get(1).get("nova_object.data").get("tag").asString()).isEqualTo("b");
		assertThat(this.mapper.treeToValue(primitive, new TypeReference<Map<String, Instance>>() {
		})).isEqualTo(Map.of("one", instance));
	}

	@Test
	void readsWhatPythonSendsIgnoringFieldsTheJavaTypeLacks() {
		Instance instance = this.mapper.treeToValue(json("""
				{"nova_object.name": "Instance", "nova_object.namespace": "nova", "nova_object.version": "2.8",
				 "nova_object.data": {"uuid": "u1", "hostname": "vm1", "vm_state": "active", "tags": []},
				 "nova_object.changes": ["uuid", "vm_state"]}"""), Instance.class);

		assertThat(instance).isEqualTo(new Instance("u1", "vm1", null, List.of()));
	}

	@Test
	void acceptsANewerOrOlderMinorVersion() {
		assertThat(this.mapper.treeToValue(tag("1.7"), Tag.class)).isEqualTo(new Tag("t"));
		assertThat(this.mapper.treeToValue(instance("2.3"), Instance.class).uuid()).isEqualTo("u1");
	}

	@Test
	void refusesANewerMajorVersionNamingTheFix() {
		assertThatExceptionOfType(DatabindException.class)
			.isThrownBy(() -> this.mapper.treeToValue(instance("3.0"), Instance.class))
			.withMessageContaining("Object nova.Instance version 3.0 is not compatible with " + Instance.class.getName()
					+ ", which implements version 2.8")
			.withMessageContaining("the sender must send 2.x (pin it with [upgrade_levels] or a version cap)");
	}

	@Test
	void refusesAnObjectOfAnotherName() {
		assertThatExceptionOfType(DatabindException.class)
			.isThrownBy(() -> this.mapper.treeToValue(tag("1.0"), Instance.class))
			.withMessageContaining("Expected object nova.Instance, got nova.Tag");
	}

	@Test
	void refusesPlainDataWhereAnObjectIsDeclared() {
		assertThatExceptionOfType(DatabindException.class)
			.isThrownBy(() -> this.mapper.treeToValue(json("{\"tag\": \"t\"}"), Tag.class))
			.withMessageContaining("Expected the nova_object.* primitive of nova.Tag");
	}

	@Test
	void honoursAnotherKeyPrefixAndBeanClasses() {
		Thing thing = new Thing();
		thing.setLabel("x");

		JsonNode primitive = this.mapper.valueToTree(thing);

		assertThat(primitive.get("versioned_object.namespace").asString()).isEqualTo("versionedobjects");
		assertThat(primitive.get("versioned_object.version").asString()).isEqualTo("1.1");
		assertThat(this.mapper.treeToValue(primitive, Thing.class).getLabel()).isEqualTo("x");
	}

	@Test
	void leavesOtherTypesAsJacksonWritesThem() {
		JsonNode plain = this.mapper.valueToTree(Map.of("a", 1));

		assertThat(plain).isEqualTo(json("{\"a\": 1}"));
	}

	private JsonNode tag(String version) {
		return json("{\"nova_object.name\": \"Tag\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \""
				+ version + "\", \"nova_object.data\": {\"tag\": \"t\"}}");
	}

	private JsonNode instance(String version) {
		return json("{\"nova_object.name\": \"Instance\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \""
				+ version + "\", \"nova_object.data\": {\"uuid\": \"u1\"}}");
	}

	private JsonNode json(String text) {
		return this.mapper.readTree(text);
	}

}
