package io.oslo4j.messaging.wire;

import io.oslo4j.messaging.MessagingException;

import org.jspecify.annotations.Nullable;

/**
 * A message body that is not an oslo message: not JSON, the wrong content type, an envelope
 * version other than 2.0, or a field of the wrong type. Such a message is rejected without requeue.
 *
 * @since 0.1
 */
public class MalformedMessageException extends MessagingException {

	private static final long serialVersionUID = 1L;

	public MalformedMessageException(String message) {
		super(message);
	}

	public MalformedMessageException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
