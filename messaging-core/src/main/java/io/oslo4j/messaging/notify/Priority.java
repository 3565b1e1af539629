package io.oslo4j.messaging.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The priority of a notification. On the wire it is spelled twice: upper-case in the body
 * ({@code "priority": "WARN"}, {@link #wireName()}) and lower-case in the routing key and queue
 * name ({@code notifications.warn}, {@link #routingName()}). {@code warning} is an alias of
 * {@link #WARN} when parsing; there is no {@code warning} topic.
 *
 * @since 0.1
 */
public enum Priority {

	AUDIT, DEBUG, INFO, WARN, ERROR, CRITICAL, SAMPLE;

	/** The spelling in a notification's body, as oslo's notifier writes it: {@code INFO}. */
	public String wireName() {
		return name();
	}

	/**
	 * The spelling in routing keys and queue names ({@code notifications.info}), and the name of
	 * the endpoint method that handles this priority.
	 */
	public String routingName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The priority for a name in any case; {@code warning} means {@link #WARN}.
	 * @throws IllegalArgumentException naming the allowed values
	 */
	public static Priority parse(String name) {
		Priority priority = find(name);
		if (priority == null) {
			throw new IllegalArgumentException("Unknown priority '" + name + "': use one of "
					+ Arrays.stream(values()).map(Priority::routingName).collect(Collectors.joining(", ")));
		}
		return priority;
	}

	/**
	 * The priority for a name in any case ({@code warning} means {@link #WARN}), or null when the
	 * name is null or not a priority.
	 */
	public static @Nullable Priority find(@Nullable String name) {
		if (name != null && name.equalsIgnoreCase("warning")) {
			return WARN;
		}
		return fromBody(name);
	}

	/**
	 * The priority a listener dispatches a body's priority to, as oslo's dispatcher does: the
	 * lower-cased text must be a routing name, so {@code WARNING} is unknown there.
	 */
	static @Nullable Priority fromBody(@Nullable String name) {
		if (name == null) {
			return null;
		}
		String lower = name.toLowerCase(Locale.ROOT);
		for (Priority priority : values()) {
			if (priority.routingName().equals(lower)) {
				return priority;
			}
		}
		return null;
	}

}
