package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.MessagingException;

/**
 * The request's arguments do not fit the method's parameters: one is missing, unexpected or of
 * the wrong type. Sent to the caller as Python's {@code TypeError} (module {@code builtins}), which
 * is what a Python server raises for the same mistakes.
 */
final class ArgumentException extends MessagingException {

	private static final long serialVersionUID = 1L;

	ArgumentException(String message) {
		super(message);
	}

}
