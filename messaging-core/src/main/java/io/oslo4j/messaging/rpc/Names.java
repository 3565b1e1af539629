package io.oslo4j.messaging.rpc;

/** Naming between Java's camelCase and Python's snake_case. */
final class Names {

	private Names() {
	}

	/** {@code getHostInfo} → {@code get_host_info}; {@code resizeVM} → {@code resize_vm}. */
	static String snakeCase(String camel) {
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

}
