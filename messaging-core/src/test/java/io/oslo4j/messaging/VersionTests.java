package io.oslo4j.messaging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VersionTests {

	@ParameterizedTest(name = "implemented {0}, requested {1} → {2}")
	@CsvSource({ "1.23, 1.23, true", "1.24, 1.23, true", "1.22, 1.23, false", "2.23, 1.23, false",
			"1.23, 2.23, false", "1.23, 1.23.1, false", "1.23.1, 1.23.2, false", "1.23.2, 1.23.1, true",
			"1.24, 1.23.1, true", "1.23.0, 1.23, true" })
	void compatibilityFollowsOslosTable(String implemented, String requested, boolean compatible) {
		assertThat(Version.isCompatible(implemented, requested)).isEqualTo(compatible);
	}

	@Test
	void anEndpointWithoutVersionServesEveryRequest() {
		assertThat(Version.isCompatible(null, "7.1")).isTrue();
	}

	@Test
	void aRequestWithoutVersionIsServedByNoVersionedEndpoint() {
		assertThat(Version.isCompatible("1.0", null)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "5", "5.a", "5.5.a", "", "1.2.3.4", "-1.0" })
	void malformedVersionsAreRefused(String text) {
		assertThatExceptionOfType(MessagingException.class).isThrownBy(() -> Version.parse(text))
			.withMessageContaining("MAJOR.MINOR");
	}

	@Test
	void aRevisionOfZeroIsNotPrinted() {
		assertThat(Version.parse("1.3.0")).hasToString("1.3");
		assertThat(Version.parse("1.3.2")).hasToString("1.3.2");
	}

}
