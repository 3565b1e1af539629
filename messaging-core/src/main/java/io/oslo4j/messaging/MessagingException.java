package io.oslo4j.messaging;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception oslo4j raises to its callers: oslo.messaging's {@code MessagingException}.
 *
 * @since 0.1
 */
public class MessagingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public MessagingException(String message) {
		super(message);
	}

	public MessagingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
