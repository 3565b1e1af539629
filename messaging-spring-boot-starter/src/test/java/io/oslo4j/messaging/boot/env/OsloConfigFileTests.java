package io.oslo4j.messaging.boot.env;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** oslo.config's INI dialect, as {@code oslo_config/iniparser.py} reads it. */
class OsloConfigFileTests {

	private static final Path PATH = Path.of("/etc/nova/nova.conf");

	private static OsloConfigFile parse(String... lines) {
		return OsloConfigFile.parse(PATH, List.of(lines));
	}

	private static String value(OsloConfigFile file, String section, String key) {
		return file.last(section, key).orElseThrow().text();
	}

	@Test
	void keysAreSplitAtTheFirstEqualsSignOrColonAndStripped() {
		OsloConfigFile file = parse("[DEFAULT]", "a = 1", "b: 2", "c=x:y", "d: x=y", "  ", "e =   spaced   ");
		assertThat(value(file, "DEFAULT", "a")).isEqualTo("1");
		assertThat(value(file, "DEFAULT", "b")).isEqualTo("2");
		assertThat(value(file, "DEFAULT", "c")).isEqualTo("x:y");
		assertThat(value(file, "DEFAULT", "d")).isEqualTo("x=y");
		assertThat(value(file, "DEFAULT", "e")).isEqualTo("spaced");
	}

	@Test
	void commentsStartOnlyAtTheStartOfALine() {
		OsloConfigFile file = parse("# a comment", "[DEFAULT]", "; another", "url = rabbit://u:p#w;d@h//");
		assertThat(value(file, "DEFAULT", "url")).isEqualTo("rabbit://u:p#w;d@h//");
	}

	@Test
	void indentedLinesContinueTheValueUntilABlankLineACommentOrAKey() {
		OsloConfigFile file = parse("[DEFAULT]", "a = one", "  two", "\tthree", "", "b = x", "# ends b", "c = y", "d = z");
		assertThat(value(file, "DEFAULT", "a")).isEqualTo("one\ntwo\nthree");
		assertThat(value(file, "DEFAULT", "b")).isEqualTo("x");
		assertThat(value(file, "DEFAULT", "c")).isEqualTo("y");
	}

	@Test
	void onePairOfSurroundingQuotesIsRemoved() {
		OsloConfigFile file = parse("[DEFAULT]", "a = \"quoted\"", "b = 'single'", "c = \"open", "d = \"\"x\"\"", "e = \"");
		assertThat(value(file, "DEFAULT", "a")).isEqualTo("quoted");
		assertThat(value(file, "DEFAULT", "b")).isEqualTo("single");
		assertThat(value(file, "DEFAULT", "c")).isEqualTo("\"open");
		assertThat(value(file, "DEFAULT", "d")).isEqualTo("\"x\"");
		assertThat(value(file, "DEFAULT", "e")).isEmpty();
	}

	@Test
	void aRepeatedKeyKeepsEveryValueInOrderWithItsLine() {
		OsloConfigFile file = parse("[oslo_messaging_notifications]", "driver = messaging", "driver = messagingv2");
		assertThat(file.values("oslo_messaging_notifications", "driver"))
			.containsExactly(new OsloConfigFile.Value("messaging", 2), new OsloConfigFile.Value("messagingv2", 3));
		assertThat(value(file, "oslo_messaging_notifications", "driver")).isEqualTo("messagingv2");
	}

	@Test
	void sectionNamesOtherThanDefaultAreComparedInLowerCase() {
		OsloConfigFile file = parse("[Oslo_Messaging_Rabbit]", "ssl = true", "[default]", "x = 1");
		assertThat(value(file, "oslo_messaging_rabbit", "ssl")).isEqualTo("true");
		assertThat(file.last("DEFAULT", "x")).isEmpty();
	}

	@Test
	void anAssignmentBeforeAnySectionFailsNamingTheFileAndLine() {
		assertThatExceptionOfType(OsloConfigFileException.class).isThrownBy(() -> parse("# c", "a = 1"))
			.withMessageContaining("/etc/nova/nova.conf")
			.withMessageContaining("line 2")
			.withMessageContaining("Section must be started before assignment");
	}

	@Test
	void malformedLinesFailAsOsloConfigFailsThem() {
		assertThatExceptionOfType(OsloConfigFileException.class).isThrownBy(() -> parse("[DEFAULT", "a = 1"))
			.withMessageContaining("Invalid section (must end with ])");
		assertThatExceptionOfType(OsloConfigFileException.class).isThrownBy(() -> parse("[]"))
			.withMessageContaining("Empty section name");
		assertThatExceptionOfType(OsloConfigFileException.class).isThrownBy(() -> parse("[DEFAULT]", "novalue"))
			.withMessageContaining("No ':' or '=' found in assignment");
		assertThatExceptionOfType(OsloConfigFileException.class).isThrownBy(() -> parse("[DEFAULT]", "= 1"))
			.withMessageContaining("Key cannot be empty");
		assertThatExceptionOfType(OsloConfigFileException.class).isThrownBy(() -> parse("[DEFAULT]", "  orphan"))
			.withMessageContaining("Unexpected continuation line");
	}

	@Test
	void aMissingFileFailsNamingIt() {
		assertThatExceptionOfType(OsloConfigFileException.class)
			.isThrownBy(() -> OsloConfigFile.read(Path.of("/nonexistent/nova.conf")))
			.withMessageContaining("/nonexistent/nova.conf")
			.withMessageContaining("does not exist");
	}

}
