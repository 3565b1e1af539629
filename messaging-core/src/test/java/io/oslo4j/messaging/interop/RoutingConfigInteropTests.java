package io.oslo4j.messaging.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.notify.NotificationDriver;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.notify.RoutingConfig;
import io.oslo4j.messaging.testsupport.PythonPeer;
import io.oslo4j.messaging.testsupport.PythonResult;
import io.oslo4j.messaging.testsupport.PythonScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code routing} driver chooses as oslo's: for one routing configuration and many
 * notifications, the drivers {@link RoutingConfig} selects are those oslo.messaging's own
 * {@code RoutingDriver._get_drivers_for_message} accepts ({@code interop/routing_peer.py}).
 */
class RoutingConfigInteropTests {

	/** Every kind of pattern and rule: wildcards, sets, priorities in any case, both rules, no rule. */
	private static final Map<String, Object> CONFIG = Map.of(
			"compute", Map.of("messagingv2", Map.of("accepted_events", List.of("compute.instance.*", "compute.?ost"))),
			"problems", Map.of("log", Map.of("accepted_priorities", List.of("ERROR", "crit*"))),
			"volumes", Map.of("test", Map.of("accepted_events", List.of("volume.[cd]*", "snapshot.[!d]*"),
					"accepted_priorities", List.of("info", "warn"))),
			"everything", Map.of("noop", Map.of()));

	@Test
	void theDriversChosenForEachNotificationAreThoseOslosRoutingDriverChooses(@TempDir Path directory)
			throws IOException {
		PythonScript.assumeModule("yaml", "python3-yaml");
		List<List<String>> cases = new ArrayList<>();
		for (String eventType : List.of("compute.instance.create.end", "compute.host", "compute.hosts", "Compute.host",
				"volume.create", "volume.delete", "volume.attach", "snapshot.create", "snapshot.delete", "image.upload")) {
			for (Priority priority : Priority.values()) {
				cases.add(List.of(eventType, priority.wireName()));
			}
		}
		// JSON is YAML: oslo's yaml.safe_load reads the same configuration the Java side is given.
		Path config = directory.resolve("routing.yaml");
		Files.writeString(config, PythonPeer.json(CONFIG));

		PythonResult result = PythonScript.run("routing_peer.py",
				List.of("--config", config.toString(), "--cases", PythonPeer.json(cases)), Duration.ofSeconds(60));

		assertThat(result.exitCode()).as(result.stderr()).isEqualTo(PythonResult.OK);
		RoutingConfig routing = RoutingConfig.of(CONFIG);
		JsonNode oslo = result.result();
		for (int i = 0; i < cases.size(); i++) {
			List<String> java = routing
				.driversFor(cases.get(i).get(0), Priority.parse(cases.get(i).get(1)))
				.stream()
				.map(NotificationDriver::configName)
				.sorted()
				.toList();
			assertThat(java).as("%s", cases.get(i))
				.isEqualTo(oslo.get(i).valueStream().map(JsonNode::asString).toList());
		}
	}

}
