package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.MessagingException;

/**
 * An endpoint that cannot be served as written, found when the server is built. The message names
 * the method and how to fix it.
 *
 * @since 0.1
 */
public class EndpointDefinitionException extends MessagingException {

	private static final long serialVersionUID = 1L;

	public EndpointDefinitionException(String message) {
		super(message);
	}

}
