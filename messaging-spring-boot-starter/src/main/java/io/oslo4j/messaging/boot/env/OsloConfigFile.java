package io.oslo4j.messaging.boot.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One configuration file parsed as oslo.config parses it ({@code oslo_config/iniparser.py}'s
 * {@code BaseParser} and {@code cfg.py}'s {@code ConfigParser}):
 * <ul>
 * <li>{@code [section]} lines; section names other than {@code DEFAULT} are compared in lower case;</li>
 * <li>{@code key = value} or {@code key: value}, split at whichever of {@code =} and {@code :} comes
 * first, key and value stripped, one pair of matching surrounding quotes removed from the value;</li>
 * <li>a line that starts with a space or a tab continues the value before it, joined with a newline;
 * a blank line, a comment or a new key ends it;</li>
 * <li>{@code #} and {@code ;} start a comment only at the start of a line: {@code #} inside a value
 * (a password in a transport URL) is part of it;</li>
 * <li>a key given again adds a value, which multi-valued options ({@code driver}) keep all of and the
 * others take the last of.</li>
 * </ul>
 * A maintained INI library would be preferable, but none reads this dialect: Apache Commons
 * Configuration's {@code INIConfiguration} cuts a value at an inline {@code #} or {@code ;} (breaking
 * passwords) and continues lines with a backslash, not by indentation; ini4j also continues with a
 * backslash and unescapes backslash sequences in values. Both would silently read a real
 * {@code nova.conf} differently from the service that owns it.
 */
final class OsloConfigFile {

	/** A value as written, with the line its key is on (1-based). */
	record Value(String text, int line) {
	}

	private static final String DEFAULT_SECTION = "DEFAULT";

	private final Path path;

	private final Map<String, Map<String, List<Value>>> sections;

	private OsloConfigFile(Path path, Map<String, Map<String, List<Value>>> sections) {
		this.path = path;
		this.sections = sections;
	}

	/**
	 * Reads and parses a file.
	 * @throws OsloConfigFileException if the file is missing, unreadable or not oslo.config's INI
	 */
	static OsloConfigFile read(Path path) {
		List<String> lines;
		try {
			lines = Files.readAllLines(path, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new OsloConfigFileException("The OpenStack configuration file " + path + " (messaging.oslo-config-file) "
					+ "does not exist; oslo.config refuses a missing file too: correct the path or remove it", ex);
		}
		catch (IOException ex) {
			throw new OsloConfigFileException("The OpenStack configuration file " + path
					+ " (messaging.oslo-config-file) cannot be read: " + ex, ex);
		}
		return parse(path, lines);
	}

	/** Parses the lines of a file. */
	static OsloConfigFile parse(Path path, List<String> lines) {
		return new Parser(path).parse(lines);
	}

	Path path() {
		return this.path;
	}

	/**
	 * Every value given to a key in a section, in the order written.
	 * @param section a section name, compared as oslo.config compares it
	 */
	List<Value> values(String section, String key) {
		Map<String, List<Value>> keys = this.sections.get(normalize(section));
		return (keys != null) ? keys.getOrDefault(key, List.of()) : List.of();
	}

	/** The last value of a key in a section, the one a single-valued option takes. */
	Optional<Value> last(String section, String key) {
		List<Value> values = values(section, key);
		return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
	}

	/** oslo.config's {@code _normalize_group_name}. */
	private static String normalize(String section) {
		return DEFAULT_SECTION.equals(section) ? section : section.toLowerCase(Locale.ROOT);
	}

	/** One pass over the lines, keeping the key whose value may still continue. */
	private static final class Parser {

		private final Path path;

		private final Map<String, Map<String, List<Value>>> sections = new LinkedHashMap<>();

		private @Nullable String section;

		private @Nullable String key;

		private final List<String> value = new ArrayList<>();

		private int keyLine;

		Parser(Path path) {
			this.path = path;
		}

		OsloConfigFile parse(List<String> lines) {
			int number = 0;
			for (String raw : lines) {
				number++;
				String line = raw.stripTrailing();
				if (line.isEmpty()) {
					flush();
				}
				else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
					if (this.key == null) {
						throw error("Unexpected continuation line", number, raw);
					}
					this.value.add(line.stripLeading());
				}
				else {
					flush();
					if (line.startsWith("[")) {
						this.section = sectionName(line, number);
						this.sections.computeIfAbsent(normalize(this.section), (name) -> new LinkedHashMap<>());
					}
					else if (!line.startsWith("#") && !line.startsWith(";")) {
						assignment(line, number);
					}
				}
			}
			flush();
			return new OsloConfigFile(this.path, this.sections);
		}

		private String sectionName(String line, int number) {
			if (!line.endsWith("]")) {
				throw error("Invalid section (must end with ])", number, line);
			}
			if (line.length() <= 2) {
				throw error("Empty section name", number, line);
			}
			return line.substring(1, line.length() - 1);
		}

		private void assignment(String line, int number) {
			int colon = line.indexOf(':');
			int equal = line.indexOf('=');
			if (colon < 0 && equal < 0) {
				throw error("No ':' or '=' found in assignment", number, line);
			}
			int at = (colon < 0 || (equal >= 0 && equal < colon)) ? equal : colon;
			String name = line.substring(0, at).strip();
			String text = line.substring(at + 1).strip();
			if (name.isEmpty()) {
				throw error("Key cannot be empty", number, line);
			}
			if (this.section == null) {
				throw error("Section must be started before assignment", number, line);
			}
			if (!text.isEmpty() && text.charAt(0) == text.charAt(text.length() - 1)
					&& (text.charAt(0) == '"' || text.charAt(0) == '\'')) {
				// As Python's value[1:-1]: a lone quote becomes empty.
				text = (text.length() >= 2) ? text.substring(1, text.length() - 1) : "";
			}
			this.key = name;
			this.keyLine = number;
			this.value.clear();
			this.value.add(text);
		}

		private void flush() {
			String current = this.key;
			String section = this.section;
			if (current == null || section == null) {
				return;
			}
			this.sections.get(normalize(section))
				.computeIfAbsent(current, (name) -> new ArrayList<>())
				.add(new Value(String.join("\n", this.value), this.keyLine));
			this.key = null;
			this.value.clear();
		}

		private OsloConfigFileException error(String problem, int line, String text) {
			return new OsloConfigFileException("The OpenStack configuration file " + this.path + " is not in "
					+ "oslo.config's format at line " + line + ", " + problem + ": '" + text.strip() + "'");
		}

	}

}
