package io.oslo4j.messaging.boot.testsupport;

import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * The analysis Spring Boot prints for a failed start-up: the first of every registered
 * {@link FailureAnalyzer} (Boot's and the starter's, in their order) that explains the failure.
 */
public final class FailureAnalyses {

	private FailureAnalyses() {
	}

	public static @Nullable FailureAnalysis of(Throwable failure) {
		ArgumentResolver arguments = ArgumentResolver.of(Environment.class, new StandardEnvironment());
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, arguments, FailureHandler.logging(LogFactory.getLog(FailureAnalyses.class)))) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

}
