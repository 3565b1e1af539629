package io.oslo4j.messaging;

import java.util.regex.Pattern;

/**
 * A transport URL that cannot be parsed or names an unknown driver or option. The message never
 * contains the URL's passwords. oslo.messaging's {@code InvalidTransportURL}.
 *
 * @since 0.1
 */
public class InvalidTransportUrlException extends MessagingException {

	private static final long serialVersionUID = 1L;

	/** Credentials as {@link TransportUrl#toString()} writes them: {@code user:****@host:port,...,user:****}. */
	private static final Pattern MASKED_CREDENTIALS = Pattern
		.compile("(?:(?:[^:@,/]*(?::\\*{4})?@)?(?:\\[[^\\]/@]*\\]|[^:@,/\\[\\]]*)(?::\\d+)?,)*[^:@,/]*(?::\\*{4})?");

	/**
	 * @param url the URL, as written (its credentials are masked here) or as {@link TransportUrl#toString()}
	 * gives it
	 * @param problem what is wrong with it; must not quote the URL's credentials
	 */
	public InvalidTransportUrlException(String url, String problem) {
		super("Invalid transport URL " + maskPasswords(url) + ": " + problem);
	}

	/**
	 * The URL with whatever may be credentials masked. A URL that did not parse may have a password
	 * holding {@code @}, {@code ,}, {@code :} or {@code /}, so everything between the scheme and the
	 * last {@code @} before the query is masked, unless it is already masked as
	 * {@link TransportUrl#toString()} masks it.
	 */
	static String maskPasswords(String url) {
		int scheme = url.indexOf("://");
		int start = (scheme >= 0) ? scheme + 3 : 0;
		int query = url.indexOf('?', start);
		int at = url.lastIndexOf('@', ((query >= 0) ? query : url.length()) - 1);
		if (at < start || MASKED_CREDENTIALS.matcher(url.substring(start, at)).matches()) {
			return url;
		}
		return url.substring(0, start) + "****" + url.substring(at);
	}

}
