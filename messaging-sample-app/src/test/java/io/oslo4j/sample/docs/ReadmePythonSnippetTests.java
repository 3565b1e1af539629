package io.oslo4j.sample.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
		String printed = readme.codeBlockAfter(SECTION, "text");

		ConfigurableApplicationContext sample = new SpringApplicationBuilder(ComputeSampleApplication.class)
			.run("--spring.profiles.active=rabbit");
		PythonRun run;
		try {
			run = PythonRun.of(List.of(PythonPeerAvailability.PYTHON, snippet.toString()), directory);
		}
		finally {
			sample.close();
		}

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.linesWithoutWhatVaries())
			.as("what the snippet printed, against the README (stderr: %s)", run.err())
			.containsExactlyElementsOf(PythonRun.withoutWhatVaries(printed));
	}

}
