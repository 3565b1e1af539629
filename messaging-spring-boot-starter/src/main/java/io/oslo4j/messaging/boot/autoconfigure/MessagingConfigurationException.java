package io.oslo4j.messaging.boot.autoconfigure;

/**
 * A configuration of oslo4j messaging that cannot start, with what to change:
 * {@link MessagingConfigurationFailureAnalyzer} shows both instead of a stack trace.
 */
final class MessagingConfigurationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String description;

	private final String action;

	/**
	 * @param description what is wrong, naming the properties involved
	 * @param action what to change
	 */
	MessagingConfigurationException(String description, String action) {
		super(description + " " + action);
		this.description = description;
		this.action = action;
	}

	String description() {
		return this.description;
	}

	String action() {
		return this.action;
	}

}
