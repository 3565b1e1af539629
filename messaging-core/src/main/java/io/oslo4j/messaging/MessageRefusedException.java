package io.oslo4j.messaging;

import org.jspecify.annotations.Nullable;

/**
 * The broker refused the message itself, or what it must be published to: a body larger than the
 * broker's {@code max_message_size}, an exchange or queue this user may not use, a queue that
 * another peer declared with other flags. Sending it again cannot succeed, so clients and notifiers
 * never retry it, and the caller learns at once, with the broker's reason, instead of at a timeout.
 *
 * @since 0.1
 */
public class MessageRefusedException extends MessageDeliveryFailureException {

	private static final long serialVersionUID = 1L;

	public MessageRefusedException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/** Whether sending again may succeed: any delivery failure but a refusal. */
	public static boolean isRetryable(Throwable error) {
		return error instanceof MessageDeliveryFailureException && !(error instanceof MessageRefusedException);
	}

}
