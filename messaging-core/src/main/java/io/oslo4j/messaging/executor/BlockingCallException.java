package io.oslo4j.messaging.executor;

import io.oslo4j.messaging.MessagingException;

/**
 * A {@code Mono} or {@code CompletionStage} endpoint method made a blocking call on a greenio
 * thread while {@link BlockingDetection#FAIL} was in force. It is thrown by the blocking call
 * itself, and fails the method's outcome even if the method catches it.
 *
 * @since 0.2
 */
public class BlockingCallException extends MessagingException {

	private static final long serialVersionUID = 1L;

	public BlockingCallException(String message) {
		super(message);
	}

}
