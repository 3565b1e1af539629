package io.oslo4j.messaging;

/**
 * A target lacks what its use needs (a topic, a server), or a call was asked to fan out.
 * Raised before anything is sent. oslo.messaging's {@code InvalidTarget}.
 *
 * @since 0.1
 */
public class InvalidTargetException extends MessagingException {

	private static final long serialVersionUID = 1L;

	private final transient Target target;

	public InvalidTargetException(String message, Target target) {
		super(message + ": " + target);
		this.target = target;
	}

	/** The offending target. */
	public Target getTarget() {
		return this.target;
	}

}
