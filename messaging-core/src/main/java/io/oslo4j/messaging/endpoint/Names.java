package io.oslo4j.messaging.endpoint;

/**
 * oslo's names on the wire, and the rule that maps Java's camelCase onto Python's snake_case, so
 * that {@code getHostInfo} answers to {@code get_host_info} and a {@code publisherId} parameter to
 * {@code publisher_id}.
 *
 * @since 0.2
 */
public final class Names {

	/** The request context of a notification, as oslo hands it to an endpoint. */
	public static final String CTXT = "ctxt";

	/** The sender of a notification, e.g. {@code compute.host1}. */
	public static final String PUBLISHER_ID = "publisher_id";

	/** What a notification says happened, e.g. {@code compute.instance.create.end}. */
	public static final String EVENT_TYPE = "event_type";

	/** The body of a notification. */
	public static final String PAYLOAD = "payload";

	/** A notification's {@code message_id} and {@code timestamp}, as oslo hands them to an endpoint. */
	public static final String METADATA = "metadata";

	/** The name oslo reserves for an endpoint's {@code Target}, which no RPC method may take. */
	public static final String TARGET = "target";

	private Names() {
	}

	/** {@code getHostInfo} → {@code get_host_info}; {@code resizeVM} → {@code resize_vm}. */
	public static String snakeCase(String camel) {
		StringBuilder snake = new StringBuilder(camel.length() + 8);
		for (int i = 0; i < camel.length(); i++) {
			char c = camel.charAt(i);
			if (Character.isUpperCase(c)) {
				boolean afterLower = i > 0 && !Character.isUpperCase(camel.charAt(i - 1)) && camel.charAt(i - 1) != '_';
				boolean beforeLower = i > 0 && i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1))
						&& Character.isUpperCase(camel.charAt(i - 1));
				if (afterLower || beforeLower) {
					snake.append('_');
				}
				snake.append(Character.toLowerCase(c));
			}
			else {
				snake.append(c);
			}
		}
		return snake.toString();
	}

	/**
	 * Whether a Java name answers to a name on the wire: the same name, or its snake_case form
	 * ({@code publisherId} and {@code publisher_id} both answer to {@code publisher_id}).
	 */
	public static boolean matches(String javaName, String wireName) {
		return wireName.equals(javaName) || wireName.equals(snakeCase(javaName));
	}

}
