package io.oslo4j.messaging;

/**
 * No reply arrived in time: the call's timeout passed, or its call-monitor timeout passed with no
 * heartbeat from the server. oslo.messaging's {@code MessagingTimeout}.
 *
 * @since 0.1
 */
public class MessagingTimeoutException extends MessagingException {

	private static final long serialVersionUID = 1L;

	public MessagingTimeoutException(String message) {
		super(message);
	}

}
