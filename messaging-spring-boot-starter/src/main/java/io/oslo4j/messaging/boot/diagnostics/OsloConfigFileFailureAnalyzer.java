package io.oslo4j.messaging.boot.diagnostics;

import io.oslo4j.messaging.boot.env.OsloConfigFileException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed on an OpenStack configuration file named by
 * {@code messaging.oslo-config-file}: missing, unreadable, or not in oslo.config's format.
 *
 * @since 0.2
 */
class OsloConfigFileFailureAnalyzer extends AbstractFailureAnalyzer<OsloConfigFileException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, OsloConfigFileException cause) {
		return new FailureAnalysis(cause.getMessage(), "Correct the file, or the list of files in "
				+ "messaging.oslo-config-file (comma-separated; later files win); a file the service itself "
				+ "reads with oslo.config reads the same here.", cause);
	}

}
