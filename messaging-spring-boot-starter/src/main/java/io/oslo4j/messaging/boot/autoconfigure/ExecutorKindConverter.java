package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.executor.ExecutorKind;

import org.springframework.core.convert.converter.Converter;

/**
 * Reads {@code messaging.executor} by oslo's names, so that an unknown name fails start-up with a
 * message that lists the allowed ones.
 */
final class ExecutorKindConverter implements Converter<String, ExecutorKind> {

	@Override
	public ExecutorKind convert(String source) {
		return ExecutorKind.fromName(source);
	}

}
