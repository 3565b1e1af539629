package io.oslo4j.messaging;

/**
 * A transport URL that cannot be parsed or names an unknown driver or option. The message never
 * contains the URL's passwords. oslo.messaging's {@code InvalidTransportURL}.
 *
 * @since 0.1
 */
public class InvalidTransportUrlException extends MessagingException {

	private static final long serialVersionUID = 1L;

	public InvalidTransportUrlException(String url, String problem) {
		super("Invalid transport URL " + maskPasswords(url) + ": " + problem);
	}

	static String maskPasswords(String url) {
		return url.replaceAll("(://|,)([^:@/,]*):[^@/,]*@", "$1$2:****@");
	}

}
