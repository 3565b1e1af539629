package io.oslo4j.messaging.options;

import io.oslo4j.messaging.MessagingException;

/**
 * An oslo option with a value of the wrong type or out of range, a combination of options that
 * oslo refuses, or a name that is no option of oslo.messaging. The message names the option, the
 * value and the reason.
 *
 * @since 0.2
 */
public class InvalidOptionException extends MessagingException {

	private static final long serialVersionUID = 1L;

	private final String option;

	/**
	 * @param option the option's name, or the names of the options that contradict each other
	 * @param message what is wrong, naming the option, the value and the reason
	 */
	public InvalidOptionException(String option, String message) {
		super(message);
		this.option = option;
	}

	/** The option's name, or the names of the options that contradict each other. */
	public String option() {
		return this.option;
	}

}
