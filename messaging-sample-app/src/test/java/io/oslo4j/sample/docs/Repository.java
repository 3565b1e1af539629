package io.oslo4j.sample.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's documents are, seen from a module's tests (Maven runs them in the module). */
final class Repository {

	private Repository() {
	}

	/** The repository's root: the module directory's parent, which holds the Maven wrapper. */
	static Path root() {
		Path root = Path.of("").toAbsolutePath().getParent();
		if (root == null || !Files.isRegularFile(root.resolve("mvnw")) || !Files.isRegularFile(root.resolve("README.md"))) {
			throw new IllegalStateException("Run these tests from a module directory of the repository (as Maven does); "
					+ "the working directory is " + Path.of("").toAbsolutePath());
		}
		return root;
	}

	/** The repository's README.md. */
	static MarkdownFile readme() {
		return MarkdownFile.read(root().resolve("README.md"));
	}

}
