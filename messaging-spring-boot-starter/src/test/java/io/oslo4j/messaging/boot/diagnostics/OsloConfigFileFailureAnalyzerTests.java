package io.oslo4j.messaging.boot.diagnostics;

import io.oslo4j.messaging.boot.env.OsloConfigFileException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class OsloConfigFileFailureAnalyzerTests {

	@Test
	void shouldNameTheFileAndHowToCorrectTheList() {
		FailureAnalysis analysis = new OsloConfigFileFailureAnalyzer().analyze(new IllegalStateException("wrapped",
				new OsloConfigFileException("The OpenStack configuration file /etc/nova/nova.conf does not exist")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("/etc/nova/nova.conf");
		assertThat(analysis.getAction()).contains("messaging.oslo-config-file");
	}

}
