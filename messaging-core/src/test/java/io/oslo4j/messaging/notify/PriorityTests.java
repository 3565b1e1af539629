package io.oslo4j.messaging.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link Priority} is spelled upper-case in bodies and lower-case in routing keys. */
class PriorityTests {

	@Test
	void aPriorityIsUpperCaseInTheBodyAndLowerCaseInTheRoutingKey() {
		assertThat(Priority.WARN.wireName()).isEqualTo("WARN");
		assertThat(Priority.WARN.routingName()).isEqualTo("warn");
		assertThat(Priority.SAMPLE.routingName()).isEqualTo("sample");
	}

	@Test
	void parsingAcceptsAnyCaseAndWarningForWarn() {
		assertThat(Priority.parse("info")).isEqualTo(Priority.INFO);
		assertThat(Priority.parse("CRITICAL")).isEqualTo(Priority.CRITICAL);
		assertThat(Priority.parse("Warning")).isEqualTo(Priority.WARN);
		assertThat(Priority.find("bogus")).isNull();
		assertThat(Priority.find(null)).isNull();
	}

	@Test
	void parsingAnUnknownPriorityNamesTheAllowedOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> Priority.parse("notice"))
			.withMessageContaining("audit, debug, info, warn, error, critical, sample");
	}

	@Test
	void aListenerKnowsOnlyTheRoutingNamesInAnyCaseAsOslosDispatcher() {
		assertThat(Priority.fromBody("INFO")).isEqualTo(Priority.INFO);
		assertThat(Priority.fromBody("info")).isEqualTo(Priority.INFO);
		assertThat(Priority.fromBody("WARNING")).isNull();
		assertThat(Priority.fromBody(null)).isNull();
	}

}
