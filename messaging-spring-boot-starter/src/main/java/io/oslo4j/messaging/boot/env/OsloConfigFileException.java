package io.oslo4j.messaging.boot.env;

import io.oslo4j.messaging.MessagingException;

/**
 * An OpenStack configuration file named by {@code messaging.oslo-config-file} that is missing,
 * unreadable or not in oslo.config's INI dialect; the message names the file, and the line when
 * there is one.
 *
 * @since 0.2
 */
public class OsloConfigFileException extends MessagingException {

	private static final long serialVersionUID = 1L;

	public OsloConfigFileException(String message) {
		super(message);
	}

	public OsloConfigFileException(String message, Throwable cause) {
		super(message, cause);
	}

}
