package io.oslo4j.messaging;

import org.jspecify.annotations.Nullable;

/**
 * A message could not be handed to the broker: the connection failed and the retries ran out, or
 * the broker refused the publish. oslo.messaging's {@code MessageDeliveryFailure}.
 *
 * @since 0.1
 */
public class MessageDeliveryFailureException extends MessagingException {

	private static final long serialVersionUID = 1L;

	public MessageDeliveryFailureException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
