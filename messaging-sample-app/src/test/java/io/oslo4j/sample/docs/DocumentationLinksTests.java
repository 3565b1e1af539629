package io.oslo4j.sample.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the repository's Markdown files (README.md, docs/, each module's) leads to a
 * file or directory inside the repository, and to a heading of it when it names one; so does every
 * Markdown file a document cites by path.
 */
class DocumentationLinksTests {

	/** {@code [text](target)} and {@code [text](target "title")}. */
	private static final Pattern INLINE_LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	/** {@code [label]: target}. */
	private static final Pattern REFERENCE_LINK = Pattern.compile("(?m)^\\s*\\[[^\\]]+\\]:\\s+(\\S+)");

	/** A Markdown file cited in code: {@code `docs/reliability.md`}. */
	private static final Pattern CITED_FILE = Pattern.compile("`([\\w./-]+\\.md)`");

	private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

	@Test
	void everyRelativeLinkResolvesInsideTheRepository() throws IOException {
		Path root = Repository.root();
		List<String> broken = new ArrayList<>();
		for (MarkdownFile document : markdownFiles(root)) {
			for (String target : links(document.prose())) {
				String problem = problemOf(root, document, target);
				if (problem != null) {
					broken.add(root.relativize(document.path()) + ": (" + target + ") " + problem);
				}
			}
		}
		assertThat(broken).as("links that lead nowhere in %s", root).isEmpty();
	}

	@Test
	void everyMarkdownFileADocumentCitesByPathIsInTheRepository() throws IOException {
		Path root = Repository.root();
		List<String> missing = new ArrayList<>();
		for (MarkdownFile document : markdownFiles(root)) {
			Matcher cited = CITED_FILE.matcher(document.prose());
			while (cited.find()) {
				String path = cited.group(1);
				if (!Files.exists(root.resolve(path)) && !Files.exists(document.path().resolveSibling(path))) {
					missing.add(root.relativize(document.path()) + ": `" + path + "`");
				}
			}
		}
		assertThat(missing).as("files cited that are not in the repository").isEmpty();
	}

	@Test
	void theCheckSeesTheReadmeAndTheDocs() throws IOException {
		Path root = Repository.root();

		assertThat(markdownFiles(root)).extracting(MarkdownFile::path)
			.contains(root.resolve("README.md"), root.resolve("docs/benchmarks.md"),
					root.resolve("messaging-spring-boot-starter/README.md"));
	}

	private static List<String> links(String prose) {
		String withoutCode = prose.replaceAll("`[^`\n]*`", "");
		List<String> links = new ArrayList<>();
		for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_LINK)) {
			Matcher matcher = pattern.matcher(withoutCode);
			while (matcher.find()) {
				String target = matcher.group(1).replaceFirst("^<(.*)>$", "$1");
				if (!SCHEME.matcher(target).find()) {
					links.add(target);
				}
			}
		}
		return links;
	}

	/** Why a relative link is broken, or null when it is not. */
	private static @Nullable String problemOf(Path root, MarkdownFile document, String target) {
		int hash = target.indexOf('#');
		String file = (hash >= 0) ? target.substring(0, hash) : target;
		@Nullable String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
		Path resolved = file.isEmpty() ? document.path()
				: (file.startsWith("/") ? root.resolve(file.substring(1)) : document.path().resolveSibling(file))
					.normalize();
		if (!resolved.startsWith(root)) {
			return "leaves the repository";
		}
		if (!Files.exists(resolved)) {
			return "no such file: " + root.relativize(resolved);
		}
		if (anchor != null && resolved.toString().endsWith(".md")
				&& MarkdownFile.read(resolved).headings().stream().map(DocumentationLinksTests::anchorOf)
					.noneMatch(anchor::equals)) {
			return "no heading #" + anchor + " in " + root.relativize(resolved);
		}
		return null;
	}

	/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
	private static String anchorOf(String heading) {
		return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	private static List<MarkdownFile> markdownFiles(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter((path) -> path.toString().endsWith(".md"))
				.filter((path) -> root.relativize(path).getNameCount() == 1 || !skipped(root.relativize(path)))
				.sorted()
				.map(MarkdownFile::read)
				.toList();
		}
	}

	/** Build output and hidden directories (.git, .mvn) hold no documents of the repository. */
	private static boolean skipped(Path relative) {
		for (Path part : relative.getParent()) {
			String name = part.toString();
			if (name.equals("target") || name.startsWith(".") || name.equals("node_modules")) {
				return true;
			}
		}
		return false;
	}

}
