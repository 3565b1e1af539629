package io.oslo4j.messaging.interop;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.objects.VersionedObject;
import io.oslo4j.messaging.objects.VersionedObjectSerializer;
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
 * Real nova code ({@code interop/nova_peer.py}: Debian's python3-nova 26,
 * {@code nova.compute.rpcapi.ComputeAPI} with {@code [upgrade_levels] compute} pinned) calls a
 * Java compute service: the {@code nova.objects.Instance} it sends arrives as a Java record, and
 * the {@code Diagnostics} the Java endpoint returns is deserialized by nova into its own classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NovaComputeInteropTests {

	private final String host = "java-compute-" + MessageIds.newHexId().substring(0, 8);

	private final String exchange = "nova-" + MessageIds.newHexId().substring(0, 10);

	private final ComputeManager compute = new ComputeManager();

	private Transport transport;

	private RpcServer server;

	@BeforeAll
	void startJavaComputeService() {
		RabbitTestSupport.assumeBroker();
		PythonScript.assumeModule("nova.compute.rpcapi", "python3-nova");
		this.transport = Transport.open(RabbitTestSupport.url());
		this.server = RpcServer.builder(this.transport, Target.topic("compute").withServer(this.host).withExchange(this.exchange))
			.endpoint(this.compute)
			.serializer(new VersionedObjectSerializer(this.transport.envelope().mapper()))
			.build();
		this.server.start();
	}

	@AfterAll
	void stopJavaComputeService() {
		if (this.server != null) {
			this.server.shutdown(Duration.ofSeconds(10));
		}
		if (this.transport != null) {
			this.transport.close();
		}
	}

	@Test
	void novaCallsGetInstanceDiagnosticsAndGetsItsOwnDiagnosticsObjectBack() {
		PythonResult result = PythonScript.run("nova_peer.py",
				List.of("get_instance_diagnostics", "--host", this.host, "--exchange", this.exchange, "--pin", "yoga"),
				Duration.ofSeconds(120));

		assertThat(result.exitCode()).as("%s\n%s", result.output(), result.stderr()).isEqualTo(PythonResult.OK);
		Instance instance = this.compute.instances.peek();
		assertThat(instance.uuid()).isEqualTo("0e6a4bdc-1c5c-4e38-9e0f-1a2b3c4d5e6f");
		assertThat(instance.host()).isEqualTo(this.host);
		assertThat(instance.flavor()).isEqualTo(new Flavor("42", "m1.small", 2048, 2));
		assertThat(this.compute.contexts.peek().getString("user_id")).isEqualTo("u1");
		JsonNode output = result.output();
		assertThat(output.get("version_cap").asString()).as("yoga pins compute to 6.0").isEqualTo("6.0");
		assertThat(output.get("is_nova_diagnostics").asBoolean()).isTrue();
		assertThat(output.get("python_class").asString()).isEqualTo("nova.objects.diagnostics.Diagnostics");
		JsonNode fields = output.get("result").get("fields");
		assertThat(fields.get("state").asString()).isEqualTo("running");
		assertThat(fields.get("driver").asString()).isEqualTo("libvirt");
		assertThat(fields.get("num_cpus").asInt()).isEqualTo(2);
		assertThat(fields.get("memory_details").get("class").asString())
			.isEqualTo("nova.objects.diagnostics.MemoryDiagnostics");
		assertThat(fields.get("memory_details").get("fields").get("maximum").asInt()).isEqualTo(2048);
		assertThat(fields.get("cpu_details")).hasSize(2)
			.allSatisfy((cpu) -> assertThat(cpu.get("class").asString()).isEqualTo("nova.objects.diagnostics.CpuDiagnostics"));
	}

	@VersionedObject(namespace = "nova", version = "1.2")
	record Flavor(String flavorid, String name, int memoryMb, int vcpus) {
	}

	/** A few of nova's Instance 2.7 fields; the others are ignored. */
	@VersionedObject(namespace = "nova", version = "2.7")
	record Instance(String uuid, @Nullable String host, @Nullable String hostname, @Nullable String vmState,
			@Nullable Flavor flavor) {
	}

	@VersionedObject(namespace = "nova", version = "1.0")
	record MemoryDiagnostics(@Nullable Long maximum, @Nullable Long used) {
	}

	@VersionedObject(namespace = "nova", version = "1.0")
	record CpuDiagnostics(@Nullable Integer id, @Nullable Long time, @Nullable Integer utilisation) {
	}

	@VersionedObject(namespace = "nova", version = "1.0")
	record Diagnostics(String state, String driver, @Nullable String hypervisor, @Nullable String hypervisorOs,
			@Nullable Long uptime, boolean configDrive, MemoryDiagnostics memoryDetails, List<CpuDiagnostics> cpuDetails,
			int numCpus, int numNics, int numDisks) {
	}

	/** The Java compute service, at nova's compute RPC API 6.0. */
	@RpcEndpoint(version = "6.0")
	public static class ComputeManager {

		final Queue<Instance> instances = new ConcurrentLinkedQueue<>();

		final Queue<RequestContext> contexts = new ConcurrentLinkedQueue<>();

		public Diagnostics getInstanceDiagnostics(RequestContext context, Instance instance) {
			this.contexts.add(context);
			this.instances.add(instance);
			int vcpus = (instance.flavor() != null) ? instance.flavor().vcpus() : 1;
			long memory = (instance.flavor() != null) ? instance.flavor().memoryMb() : 0;
			List<CpuDiagnostics> cpus = java.util.stream.IntStream.range(0, vcpus)
				.mapToObj((id) -> new CpuDiagnostics(id, 1_000_000L * (id + 1), 5))
				.toList();
			return new Diagnostics("running", "libvirt", "kvm", "linux", 3600L, false,
					new MemoryDiagnostics(memory, memory / 2), cpus, vcpus, 0, 0);
		}

	}

}
