package io.oslo4j.messaging.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.WireJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing from the wire chooses a class: oslo4j's main code never uses Java serialization nor
 * loads classes by name, and its JSON mapper has no polymorphic typing, so a message naming a
 * class is just data.
 */
class NoDeserializationGadgetsTests {

	/** What the bytecode of a main class must never refer to. */
	private static final List<String> FORBIDDEN = List.of("java/io/ObjectInputStream", "java/io/ObjectOutputStream",
			"java/beans/XMLDecoder", "forName", "loadClass", "activateDefaultTyping", "enableDefaultTyping");

	@Test
	void noMainClassUsesJavaSerializationOrLoadsAClassByName() throws Exception {
		Path classes = Path.of(Transport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		List<String> offences = new ArrayList<>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(classes)) {
			files = walk.filter((path) -> path.toString().endsWith(".class")).toList();
		}
		for (Path file : files) {
			String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
			FORBIDDEN.stream()
				.filter(constants::contains)
				.forEach((name) -> offences.add(classes.relativize(file) + " refers to " + name));
		}
		assertThat(files).as("main classes scanned").hasSizeGreaterThan(100);
		assertThat(offences).isEmpty();
	}

	@Test
	void jsonNamingAClassIsReadAsPlainData() {
		Object array = WireJson.mapper().readValue("[\"java.lang.ProcessBuilder\", [\"touch\", \"/tmp/oslo4j\"]]",
				Object.class);
		Object object = WireJson.mapper().readValue("{\"@class\": \"java.lang.ProcessBuilder\", \"command\": [\"id\"]}",
				Object.class);
		assertThat(array).isInstanceOf(List.class);
		assertThat(object).isInstanceOf(Map.class);
	}

}
