package io.oslo4j.sample.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.oslo4j.sample.compute.ComputeSampleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Calling the sample app from Python oslo.messaging", followed to the letter: the
 * sample app on the {@code rabbit} profile, its demonstration done, then the Python snippet exactly
 * as the README prints it, whose output must be the one the README shows.
 */
class ReadmePythonSnippetTests {

	private static final String SECTION = "Calling the sample app from Python oslo.messaging";

	@Test
	void thePythonSnippetPrintsWhatTheReadmeSaysAgainstTheSampleAppOnRabbitMq(@TempDir Path directory)
			throws IOException, InterruptedException {
		PythonPeerAvailability.assumeRabbitMqAndPython();
		MarkdownFile readme = Repository.readme();
		Path snippet = Files.writeString(directory.resolve("readme_snippet.py"), readme.codeBlockAfter(SECTION, "python"));
		List<String> printed = readme.codeBlockAfter(SECTION, "text").lines().toList();

		ConfigurableApplicationContext sample = new SpringApplicationBuilder(ComputeSampleApplication.class)
			.run("--spring.profiles.active=rabbit");
		Run run;
		try {
			run = Run.python(snippet, directory);
		}
		finally {
			sample.close();
		}

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out().lines().map(ReadmePythonSnippetTests::withoutWhatVaries))
			.as("what the snippet printed, against the README (stderr: %s)", run.err())
			.containsExactlyElementsOf(printed.stream().map(ReadmePythonSnippetTests::withoutWhatVaries).toList());
	}

	/** The host name and the worker that ran the call differ from one machine and one run to the next. */
	private static String withoutWhatVaries(String line) {
		return line.replaceFirst("'host': '[^']*'", "'host': <host name>")
			.replaceFirst("'thread': 'oslo4j-worker-\\d+'", "'thread': <a worker>");
	}

	private record Run(int exitCode, String out, String err) {

		static Run python(Path script, Path directory) throws IOException, InterruptedException {
			Path out = directory.resolve("stdout");
			Path err = directory.resolve("stderr");
			Process process = new ProcessBuilder(PythonPeerAvailability.PYTHON, script.toString())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
			return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}

	}

}
