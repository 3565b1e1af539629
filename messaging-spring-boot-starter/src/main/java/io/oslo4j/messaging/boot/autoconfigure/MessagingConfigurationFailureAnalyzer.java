package io.oslo4j.messaging.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a {@link MessagingConfigurationException} as what is wrong and what to change. */
class MessagingConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MessagingConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MessagingConfigurationException cause) {
		return new FailureAnalysis(cause.description(), cause.action(), cause);
	}

}
