package io.oslo4j.messaging.boot.diagnostics;

import io.oslo4j.messaging.boot.autoconfigure.MessagingAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidOptionFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class));

	private final InvalidOptionFailureAnalyzer analyzer = new InvalidOptionFailureAnalyzer();

	@Test
	void shouldNameTheOptionItsValueOslosReasonAndThePropertyWhenAValueIsOutOfRange() {
		this.contextRunner.withPropertyValues("messaging.transport-url=rabbit://localhost:1/",
				"messaging.rabbit.rabbit-qos-prefetch-count=-1").run((context) -> {
					FailureAnalysis analysis = this.analyzer.analyze(context.getStartupFailure());
					assertThat(analysis).isNotNull();
					assertThat(analysis.getDescription()).contains("rabbit_qos_prefetch_count=-1")
						.contains("must be at least 0");
					assertThat(analysis.getAction()).contains("[oslo_messaging_rabbit] rabbit_qos_prefetch_count")
						.contains("messaging.rabbit.rabbit-qos-prefetch-count");
				});
	}

	@Test
	void shouldGiveOslosReasonWhenACombinationIsRefused() {
		this.contextRunner.withPropertyValues("messaging.transport-url=rabbit://localhost:1/",
				"messaging.rabbit.rabbit-stream-fanout=true", "messaging.rabbit.rabbit-transient-quorum-queue=true")
			.run((context) -> {
				FailureAnalysis analysis = this.analyzer.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("rabbit_stream_fanout needs rabbit_qos_prefetch_count");
				assertThat(analysis.getAction()).contains("messaging.rabbit.rabbit-stream-fanout")
					.contains("messaging.rabbit.rabbit-qos-prefetch-count");
			});
	}

	@Test
	void shouldShowTheUrlsFormWhenTheTransportUrlDoesNotParse() {
		this.contextRunner.withPropertyValues("messaging.transport-url=localhost:5672").run((context) -> {
			FailureAnalysis analysis = this.analyzer.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("localhost:5672");
			assertThat(analysis.getAction()).contains("driver://[user:pass@]host");
		});
	}

	@Test
	void shouldLeaveOtherFailuresToOtherAnalyzers() {
		assertThat(this.analyzer.analyze(new IllegalStateException("something else"))).isNull();
	}

}
