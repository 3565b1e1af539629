package io.oslo4j.sample.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A Markdown document as a reader sees it: headings, and the fenced code blocks under them. */
record MarkdownFile(Path path, List<String> lines) {

	static MarkdownFile read(Path path) {
		try {
			return new MarkdownFile(path, Files.readAllLines(path, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The content of the first fenced block in {@code language} after the heading {@code heading},
	 * as printed, without its fences.
	 * @throws AssertionError naming the document and what it lacks
	 */
	String codeBlockAfter(String heading, String language) {
		int start = headingLine(heading);
		for (int i = start + 1; i < this.lines.size(); i++) {
			if (this.lines.get(i).strip().equals("```" + language)) {
				return String.join("\n", blockFrom(i)) + "\n";
			}
		}
		throw new AssertionError(this.path + " has no ```" + language + " block after the heading '" + heading + "'");
	}

	/** The document without its fenced blocks, which may show Markdown syntax as an example. */
	String prose() {
		StringBuilder prose = new StringBuilder();
		boolean inBlock = false;
		for (String line : this.lines) {
			if (line.strip().startsWith("```")) {
				inBlock = !inBlock;
			}
			else if (!inBlock) {
				prose.append(line).append('\n');
			}
		}
		return prose.toString();
	}

	/** Every heading's text, without its {@code #} marks. */
	List<String> headings() {
		return prose().lines().filter((line) -> line.matches("#{1,6} .*")).map((line) -> line.replaceFirst("#+ ", "")).toList();
	}

	private int headingLine(String heading) {
		for (int i = 0; i < this.lines.size(); i++) {
			if (this.lines.get(i).matches("#{1,6} " + Pattern.quote(heading))) {
				return i;
			}
		}
		throw new AssertionError(this.path + " has no heading '" + heading + "'");
	}

	private List<String> blockFrom(int fence) {
		List<String> block = new ArrayList<>();
		for (int i = fence + 1; i < this.lines.size(); i++) {
			if (this.lines.get(i).strip().equals("```")) {
				return block;
			}
			block.add(this.lines.get(i));
		}
		throw new AssertionError(this.path + ": the block opened on line " + (fence + 1) + " is never closed");
	}

}
