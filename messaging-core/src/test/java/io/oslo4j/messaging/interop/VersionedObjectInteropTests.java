package io.oslo4j.messaging.interop;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.objects.VersionedObject;
import io.oslo4j.messaging.objects.VersionedObjectSerializer;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.PythonResult;
import io.oslo4j.messaging.testsupport.PythonScript;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Python objects on oslo.versionedobjects ({@code interop/ovo_peer.py}, with oslo.messaging's
 * {@code VersionedObjectSerializer}) call a Java endpoint that takes and returns them as Java
 * records: Python's objects arrive as Java values, and the Java values come back as instances of
 * the Python classes, with their fields and changes. And the other way round: a Java client sends
 * records to a Python server, which receives instances of its classes and returns one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionedObjectInteropTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private final String topic = "ovo-" + MessageIds.newHexId().substring(0, 10);

	private final List<Server> received = new ArrayList<>();

	private Transport transport;

	private RpcServer server;

	private PythonScript.Running pythonServer;

	@BeforeAll
	void startJavaServer() {
		RabbitTestSupport.assumeBroker();
		PythonScript.assumeModule("oslo_versionedobjects", "python3-oslo.versionedobjects");
		this.transport = Transport.open(RabbitTestSupport.url());
		this.server = RpcServer.builder(this.transport, Target.topic(this.topic).withServer("java"))
			.endpoint(new Compute(this.received))
			.serializer(new VersionedObjectSerializer(this.transport.envelope().mapper()))
			.build();
		this.server.start();
		this.pythonServer = PythonScript.start("ovo_peer.py", List.of("serve", "--topic", this.topic, "--server", "py"),
				Duration.ofSeconds(60));
	}

	@AfterAll
	void stopJavaServer() {
		if (this.pythonServer != null) {
			this.pythonServer.close();
		}
		if (this.server != null) {
			this.server.shutdown(Duration.ofSeconds(10));
		}
		if (this.transport != null) {
			this.transport.close();
		}
	}

	@Test
	void pythonObjectsArriveAsJavaRecordsAndJavaRecordsReturnAsPythonObjects() {
		JsonNode result = call("resize").result();

		Server sent = this.received.get(this.received.size() - 1);
		assertThat(sent.uuid()).isEqualTo(UUID.fromString("0e6a4bdc-1c5c-4e38-9e0f-1a2b3c4d5e6f"));
		assertThat(sent.flavor()).isEqualTo(new Flavor("m1.small", 2048, null));
		assertThat(sent.tags()).containsExactly(new Tag("web"));
		assertThat(sent.createdAt()).isEqualTo(OffsetDateTime.parse("2026-12-01T10:00:00Z"));
		assertThat(sent.metadata()).containsEntry("role", "front");
		assertThat(result.get("class").asString()).isEqualTo("Server");
		assertThat(result.get("version").asString()).isEqualTo("2.0");
		JsonNode fields = result.get("fields");
		assertThat(fields.get("name").asString()).isEqualTo("vm1");
		assertThat(fields.get("created_at").asString()).isEqualTo("2026-12-01T10:00:00+00:00");
		assertThat(fields.get("flavor").get("class").asString()).isEqualTo("Flavor");
		assertThat(fields.get("flavor").get("fields").get("extra_specs").get("hw:cpu_policy").asString())
			.isEqualTo("dedicated");
		assertThat(fields.get("tags").get(0).get("class").asString()).isEqualTo("Tag");
		assertThat(fields.has("power_state")).as("a field the Java type does not know").isFalse();
		assertThat(result.get("changes")).extracting(JsonNode::asString)
			.containsExactly("created_at", "flavor", "metadata", "name", "tags", "uuid");
	}

	@Test
	void listsOfObjectsGoBothWays() {
		JsonNode result = call("tag_all").result();

		assertThat(result).hasSize(2);
		assertThat(result.get(1).get("class").asString()).isEqualTo("Server");
		assertThat(result.get(1).get("fields").get("tags")).extracting((tag) -> tag.get("fields").get("tag").asString())
			.containsExactly("web", "gold");
	}

	@Test
	void dictsOfObjectsGoBothWays() {
		JsonNode result = call("flavors").result();

		assertThat(result.get("a").get("class").asString()).isEqualTo("Flavor");
		assertThat(result.get("a").get("fields").get("memory_mb").asInt()).isEqualTo(2048);
	}

	@Test
	void aNewerMajorVersionIsRefusedWithTheReasonInTheCallersError() {
		PythonResult result = PythonScript.run("ovo_peer.py",
				List.of("newer_major", "--topic", this.topic, "--server", "java"), TIMEOUT);

		assertThat(result.exitCode()).as(result.stderr()).isEqualTo(PythonResult.REMOTE_ERROR);
		assertThat(result.error().toString()).contains("Object interop.Server version 3.0 is not compatible");
	}

	@Test
	void javaRecordsSentByAJavaClientArriveAsPythonObjects() {
		JsonNode received = pythonClient().call(RequestContext.empty(), "inspect", Map.of("server", javaServer()));

		assertThat(received.get("is_python_object").asBoolean()).as(this.pythonServer.stderr()).isTrue();
		assertThat(received.get("python_class").asString()).isEqualTo("Server");
		assertThat(received.get("version").asString()).isEqualTo("2.0");
		assertThat(received.get("fields").get("flavor").get("class").asString()).isEqualTo("Flavor");
		assertThat(received.get("fields").get("tags").get(0).get("fields").get("tag").asString()).isEqualTo("db");
		assertThat(received.get("fields").get("created_at").asString()).isEqualTo("2026-12-01T10:00:00+00:00");
		assertThat(received.get("changes")).extracting(JsonNode::asString)
			.containsExactly("created_at", "flavor", "metadata", "name", "tags", "uuid");
	}

	@Test
	void aPythonServerReturnsItsObjectsAsJavaRecords() {
		Server renamed = pythonClient().call(RequestContext.empty(), "rename",
				Map.of("server", javaServer(), "name", "renamed"), Server.class);

		assertThat(renamed).isEqualTo(new Server(javaServer().uuid(), "renamed", javaServer().flavor(),
				javaServer().tags(), javaServer().createdAt(), javaServer().metadata()));
	}

	private RpcClient pythonClient() {
		return RpcClient.builder(this.transport, Target.topic(this.topic).withServer("py"))
			.timeout(Duration.ofSeconds(30))
			.serializer(new VersionedObjectSerializer(this.transport.envelope().mapper()))
			.build();
	}

	private static Server javaServer() {
		return new Server(UUID.fromString("8d3b0a52-6a0f-4c57-a7c4-3f3a9f0c2b11"), "java-vm",
				new Flavor("m1.tiny", 512, Map.of("hw:mem_page_size", "large")), List.of(new Tag("db")),
				OffsetDateTime.parse("2026-12-01T10:00:00Z"), Map.of("owner", "java"));
	}

	private PythonResult call(String scenario) {
		PythonResult result = PythonScript.run("ovo_peer.py", List.of(scenario, "--topic", this.topic, "--server", "java"),
				TIMEOUT);
		assertThat(result.exitCode()).as("%s\n%s", result.output(), result.stderr()).isEqualTo(PythonResult.OK);
		return result;
	}

	@VersionedObject(namespace = "interop", version = "1.0")
	record Flavor(String name, int memoryMb, @Nullable Map<String, String> extraSpecs) {
	}

	@VersionedObject(namespace = "interop", version = "1.0")
	record Tag(String tag) {
	}

	/** Version 2.0, one minor behind Python's, which adds {@code power_state}. */
	@VersionedObject(namespace = "interop", version = "2.0")
	record Server(UUID uuid, @Nullable String name, @Nullable Flavor flavor, List<Tag> tags,
			@Nullable OffsetDateTime createdAt, Map<String, String> metadata) {

		Server withFlavor(Flavor flavor) {
			return new Server(this.uuid, this.name, flavor, this.tags, this.createdAt, this.metadata);
		}

		Server withTag(String tag) {
			List<Tag> more = new ArrayList<>(this.tags);
			more.add(new Tag(tag));
			return new Server(this.uuid, this.name, this.flavor, more, this.createdAt, this.metadata);
		}

	}

	@RpcEndpoint
	public static class Compute {

		private final List<Server> received;

		Compute(List<Server> received) {
			this.received = received;
		}

		public synchronized Server resize(Server server, Flavor flavor) {
			this.received.add(server);
			return server.withFlavor(flavor);
		}

		public List<Server> tagAll(List<Server> servers, String tag) {
			return servers.stream().map((server) -> server.withTag(tag)).toList();
		}

		public Map<String, Flavor> flavorsByServer(Map<String, Server> servers) {
			Map<String, Flavor> flavors = new LinkedHashMap<>();
			servers.forEach((name, server) -> flavors.put(name, server.flavor()));
			return flavors;
		}

	}

}
