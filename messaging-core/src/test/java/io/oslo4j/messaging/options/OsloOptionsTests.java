package io.oslo4j.messaging.options;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalog against oslo.messaging's own option lists (the output of
 * {@code oslo_messaging.opts.list_opts()} of 14.0.3 and 18.3.0, kept in
 * {@code src/test/resources/oslo-options/}).
 */
class OsloOptionsTests {

	private static final Set<String> GROUPS = Set.of("DEFAULT", "None", "oslo_messaging_rabbit",
			"oslo_messaging_notifications");

	private static final Map<String, Set<OptionType>> TYPES = Map.of("Boolean", Set.of(OptionType.BOOLEAN), "Integer",
			Set.of(OptionType.INTEGER, OptionType.SECONDS), "Float", Set.of(OptionType.FLOAT), "String",
			Set.of(OptionType.STRING), "MultiString", Set.of(OptionType.LIST), "List", Set.of(OptionType.LIST));

	@ParameterizedTest
	@ValueSource(strings = { "18.3.0", "14.0.3" })
	void everyOptionOfOsloIsInTheCatalogWithOslosType(String version) throws IOException {
		for (String[] row : rows(version)) {
			String group = "None".equals(row[0]) ? OsloOption.RABBIT : row[0];
			OsloOption option = OsloOptions.find(group, row[1])
				.or(() -> OsloOptions.find(row[1]))
				.orElseThrow(() -> new AssertionError(version + ": no option " + row[0] + "." + row[1]));
			assertThat(TYPES.get(row[2])).as(row[1]).contains(option.type());
		}
	}

	@Test
	void defaultsAreThoseOfOslo18() throws IOException {
		for (String[] row : rows("18.3.0")) {
			OsloOption option = OsloOptions.find(row[0], row[1]).orElseThrow();
			String osloDefault = row[3];
			if (osloDefault.equals("None") || row[1].equals("hostname") || row[1].equals("processname")) {
				assertThat(option.defaultValue()).as(row[1]).isNull();
			}
			else if (option.defaultValue() != null) {
				Object expected = option.convert(osloText(osloDefault));
				assertThat(option.convert(option.defaultValue())).as(row[1]).isEqualTo(expected);
			}
		}
	}

	@Test
	void anOptionWithoutEffectSaysWhy() {
		assertThat(OsloOptions.all()).filteredOn((option) -> !option.applied())
			.extracting(OsloOption::name)
			.contains("heartbeat_in_pthread", "ssl_enforce_fips_mode", "conn_pool_ttl");
		assertThat(OsloOptions.all()).allSatisfy((option) -> assertThat(option.effect()).isNotBlank());
	}

	@Test
	void valuesConvertAsOsloConfigConvertsThem() {
		assertThat(OsloOptions.find("rabbit_quorum_queue").orElseThrow().convert("Yes")).isEqualTo(true);
		assertThat(OsloOptions.find("rpc_response_timeout").orElseThrow().convert("30")).isEqualTo(Duration.ofSeconds(30));
		assertThat(OsloOptions.find("driver").orElseThrow().convert("messagingv2, noop"))
			.isEqualTo(List.of("messagingv2", "noop"));
	}

	@Test
	void aBadValueNamesTheOptionTheValueAndTheReason() {
		assertThatThrownBy(() -> OsloOptions.find("rabbit_login_method").orElseThrow().convert("KERBEROS"))
			.isInstanceOf(InvalidOptionException.class)
			.hasMessage("option 'rabbit_login_method=KERBEROS': expected one of PLAIN, AMQPLAIN, EXTERNAL, RABBIT-CR-DEMO");
	}

	@Test
	void optionValuesOfAGroupAreReadByNameOrDeprecatedName() {
		OptionValues values = OptionValues.parse(OsloOption.RABBIT,
				Map.of("rabbit_quroum_max_memory_bytes", "10", "kombu_reconnect_timeout", "5"));

		assertThat(values.integer(OsloOption.RABBIT, "rabbit_quorum_max_memory_bytes")).isEqualTo(10);
		assertThat(values.seconds(OsloOption.RABBIT, "kombu_missing_consumer_retry_timeout"))
			.isEqualTo(Duration.ofSeconds(5));
		assertThatThrownBy(() -> OptionValues.parse(OsloOption.RABBIT, Map.of("rpc_ping_enabled", "true")))
			.isInstanceOf(InvalidOptionException.class)
			.hasMessageContaining("it is an option of [DEFAULT]");
	}

	private static String osloText(String pythonDefault) {
		String text = pythonDefault.replaceAll("^'(.*)'$", "$1");
		if (text.startsWith("[")) {
			return text.replaceAll("[\\[\\]' ]", "");
		}
		return text;
	}

	private static List<String[]> rows(String version) throws IOException {
		try (InputStream in = OsloOptionsTests.class.getResourceAsStream("/oslo-options/oslo-options-" + version + ".tsv")) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return text.lines().skip(1).map((line) -> line.split("\t")).filter((row) -> GROUPS.contains(row[0])).toList();
		}
	}

}
