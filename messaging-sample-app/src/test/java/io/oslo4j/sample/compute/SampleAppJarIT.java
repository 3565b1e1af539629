package io.oslo4j.sample.compute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged jar the way the README does, with the exit flag, and reads what it prints:
 * a newcomer's first experience, checked on every build.
 */
class SampleAppJarIT {

	@Test
	void theJarRunsTheDemonstrationOnTheInMemoryTransportAndExitsCleanly() throws IOException, InterruptedException {
		Path jar = Path.of("target", "messaging-sample-app.jar");
		assertThat(jar).exists();
		Path log = Files.createTempFile("sample-app", ".log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar.toString(), "--sample.demo.exit=true")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean exited = process.waitFor(120, TimeUnit.SECONDS);
		String output = Files.readString(log, StandardCharsets.UTF_8);
		if (!exited) {
			process.destroyForcibly();
		}
		assertThat(exited).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("oslo4j compute sample: executor greenio, transport fake://",
				"| method          | returns      | runs on", "| resize_blocking |", "| resize          | Mono<Server> |");
	}

}
