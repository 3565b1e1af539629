package io.oslo4j.messaging.endpoint;

import io.oslo4j.messaging.MessagingException;

/**
 * An endpoint that cannot be served as written, RPC or notification, found when its server or
 * listener is built. The message names the class, the method and how to fix it.
 *
 * @since 0.2
 */
public class EndpointDefinitionException extends MessagingException {

	private static final long serialVersionUID = 1L;

	public EndpointDefinitionException(String message) {
		super(message);
	}

}
