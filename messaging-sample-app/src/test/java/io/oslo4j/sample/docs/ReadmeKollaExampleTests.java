package io.oslo4j.sample.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.oslo4j.sample.compute.ComputeSampleApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "On a Kolla-deployed OpenStack", followed to the letter on RabbitMQ 4.3: the sample
 * app on the {@code openstack} profile reads the README's {@code messaging.conf}, and the README's
 * Python snippet, with the two changes that section names, runs on oslo.messaging 18.3 with the
 * same file and prints what the README shows.
 */
class ReadmeKollaExampleTests {

	private static final String KOLLA_SECTION = "On a Kolla-deployed OpenStack (oslo.messaging 16–18, RabbitMQ 4)";

	private static final String SNIPPET_SECTION = "Calling the sample app from Python oslo.messaging";

	/** A folder inside the forky root, so that Python in the root and Java outside see the same files. */
	private final Path shared = PythonPeerAvailability.FORKY_ROOT.resolve("tmp/oslo4j-readme-" + UUID.randomUUID());

	@AfterEach
	void deleteSharedFolder() throws IOException {
		FileSystemUtils.deleteRecursively(this.shared);
	}

	@Test
	void theSampleAppServesTheReadmeSnippetOnOslo18WithTheKollaOptionsOfTheReadme()
			throws IOException, InterruptedException {
		PythonPeerAvailability.assumeForkyPeer();
		MarkdownFile readme = Repository.readme();
		Files.createDirectories(this.shared);
		Path config = Files.writeString(this.shared.resolve("messaging.conf"), readme.codeBlockAfter(KOLLA_SECTION, "ini"));
		Path snippet = Files.writeString(this.shared.resolve("readme_snippet.py"),
				withTheFileOfTheKollaSection(readme.codeBlockAfter(SNIPPET_SECTION, "python")));
		String printed = readme.codeBlockAfter(SNIPPET_SECTION, "text");

		ConfigurableApplicationContext sample = new SpringApplicationBuilder(ComputeSampleApplication.class)
			.run("--spring.profiles.active=openstack", "--messaging.oslo-config-file=" + config);
		PythonRun run;
		try {
			// oslo 18's queue manager reads its process group's start time: give it a group of its own
			String inRoot = "/" + PythonPeerAvailability.FORKY_ROOT.relativize(this.shared);
			run = PythonRun.of(List.of("setsid", "--wait", "chroot", PythonPeerAvailability.FORKY_ROOT.toString(),
					"/usr/bin/python3", inRoot + "/" + snippet.getFileName()), this.shared);
		}
		finally {
			sample.close();
		}

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.linesWithoutWhatVaries())
			.as("what the snippet printed on oslo.messaging 18.3, against the README (stderr: %s)", run.err())
			.containsExactlyElementsOf(PythonRun.withoutWhatVaries(printed));
	}

	/** The two changes the Kolla section names: read the file, and take the URL from it. */
	private String withTheFileOfTheKollaSection(String snippet) {
		String inRoot = "/" + PythonPeerAvailability.FORKY_ROOT.relativize(this.shared) + "/messaging.conf";
		String changed = snippet.replace("cfg.CONF([], project=\"demo\")",
				"cfg.CONF([\"--config-file\", \"" + inRoot + "\"], project=\"demo\")")
			.replace("oslo_messaging.get_rpc_transport(cfg.CONF, url=\"rabbit://guest:guest@localhost:5672/\")",
					"oslo_messaging.get_rpc_transport(cfg.CONF)");
		assertThat(changed).as("the README's snippet still has the two lines the Kolla section changes")
			.contains("--config-file")
			.contains("get_rpc_transport(cfg.CONF)");
		return changed;
	}

}
