package io.oslo4j.messaging.notify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the {@code routing} driver sends where: oslo's {@code routing_config} file, once parsed from
 * YAML. It has groups, each naming drivers with the rules that select notifications for them:
 * <pre>{@code
 * group_1:
 *   messagingv2:
 *     accepted_events:
 *       - compute.instance.*
 *   log:
 *     accepted_priorities:
 *       - error
 *       - critical
 * }</pre>
 * A notification goes to a driver when, in some group, it matches each rule given: one of the
 * {@code accepted_events} patterns and one of the {@code accepted_priorities} patterns, both
 * shell-style as Python's {@code fnmatch} ({@code *}, {@code ?}, {@code [seq]}); event types are
 * case-sensitive, priorities not. A driver without rules takes every notification. Each driver
 * sends a notification once, even when several groups select it.
 *
 * @since 0.2
 */
public final class RoutingConfig {

	private static final String EVENTS = "accepted_events";

	private static final String PRIORITIES = "accepted_priorities";

	private final List<Route> routes;

	private RoutingConfig(List<Route> routes) {
		this.routes = List.copyOf(routes);
	}

	/** A configuration that routes nothing, as oslo's empty {@code routing_config} file. */
	public static RoutingConfig empty() {
		return new RoutingConfig(List.of());
	}

	/**
	 * The configuration in {@code groups}, the YAML file as a YAML parser returns it: group name to
	 * driver name to rule ({@code accepted_events}, {@code accepted_priorities}) to patterns.
	 * @param groups the parsed file; null (an empty file) routes nothing
	 * @throws IllegalArgumentException naming the group and driver of anything oslo4j cannot route:
	 * an unknown driver or rule, {@code routing} itself, a rule that is not a list of patterns
	 */
	public static RoutingConfig of(@Nullable Map<?, ?> groups) {
		List<Route> routes = new ArrayList<>();
		if (groups != null) {
			for (Map.Entry<?, ?> group : groups.entrySet()) {
				if (!(group.getValue() instanceof Map<?, ?> drivers)) {
					throw new IllegalArgumentException("Routing group '" + group.getKey()
							+ "' must map driver names to their rules, was " + group.getValue());
				}
				for (Map.Entry<?, ?> driver : drivers.entrySet()) {
					routes.add(route(String.valueOf(group.getKey()), String.valueOf(driver.getKey()), driver.getValue()));
				}
			}
		}
		return new RoutingConfig(routes);
	}

	/** The drivers a notification goes to, each once, in the order the configuration first names them. */
	public List<NotificationDriver> driversFor(String eventType, Priority priority) {
		Set<NotificationDriver> drivers = new LinkedHashSet<>();
		for (Route route : this.routes) {
			if (route.accepts(eventType, priority)) {
				drivers.add(route.driver());
			}
		}
		return List.copyOf(drivers);
	}

	private static Route route(String group, String driverName, @Nullable Object rules) {
		String where = "routing group '" + group + "', driver '" + driverName + "'";
		NotificationDriver driver;
		try {
			driver = NotificationDriver.fromName(driverName);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("In " + where + ": " + ex.getMessage(), ex);
		}
		if (driver == NotificationDriver.ROUTING) {
			throw new IllegalArgumentException("In " + where + ": the routing driver cannot route to itself; "
					+ "name the drivers to send to (messagingv2, messaging, log, test, noop)");
		}
		@Nullable List<Pattern> events = null;
		@Nullable List<Pattern> priorities = null;
		if (rules != null) {
			if (!(rules instanceof Map<?, ?> map)) {
				throw new IllegalArgumentException("In " + where + ": the rules must map " + EVENTS + " and/or "
						+ PRIORITIES + " to lists of patterns, were " + rules);
			}
			for (Map.Entry<?, ?> rule : map.entrySet()) {
				String key = String.valueOf(rule.getKey());
				if (key.equals(EVENTS)) {
					events = patterns(where, key, rule.getValue(), false);
				}
				else if (key.equals(PRIORITIES)) {
					priorities = patterns(where, key, rule.getValue(), true);
				}
				else {
					throw new IllegalArgumentException("In " + where + ": unknown rule '" + key + "': use "
							+ EVENTS + " or " + PRIORITIES);
				}
			}
		}
		return new Route(driver, events, priorities);
	}

	private static List<Pattern> patterns(String where, String key, @Nullable Object value, boolean lowerCase) {
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException("In " + where + ": " + key + " must be a list of patterns, was " + value);
		}
		List<Pattern> patterns = new ArrayList<>();
		for (Object pattern : list) {
			String text = String.valueOf(pattern);
			patterns.add(FnMatch.compile(lowerCase ? text.toLowerCase(Locale.ROOT) : text));
		}
		return patterns;
	}

	private record Route(NotificationDriver driver, @Nullable List<Pattern> events, @Nullable List<Pattern> priorities) {

		boolean accepts(String eventType, Priority priority) {
			return matches(this.events, eventType) && matches(this.priorities, priority.routingName());
		}

		private static boolean matches(@Nullable List<Pattern> patterns, String text) {
			return patterns == null || patterns.stream().anyMatch((pattern) -> pattern.matcher(text).matches());
		}

	}

}
