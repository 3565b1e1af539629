package io.oslo4j.messaging.notify;

import io.oslo4j.messaging.endpoint.EndpointDefinitionException;

/**
 * The filter a {@link NotificationEndpoint} annotation describes, read once when the listener is
 * built; an entry that is not {@code key=regex} is refused, naming the class.
 */
final class EndpointFilters {

	private EndpointFilters() {
	}

	/** The filter of an endpoint class: its annotation's, or one that lets everything through. */
	static NotificationFilter filterOf(Class<?> type) {
		NotificationEndpoint annotation = type.getAnnotation(NotificationEndpoint.class);
		if (annotation == null) {
			return NotificationFilter.any();
		}
		String where = "@NotificationEndpoint of " + type.getName();
		NotificationFilter.Builder filter = NotificationFilter.builder();
		if (!annotation.publisherId().isEmpty()) {
			filter.publisherId(annotation.publisherId());
		}
		if (!annotation.eventType().isEmpty()) {
			filter.eventType(annotation.eventType());
		}
		forEachEntry(annotation.context(), "context", where, filter::context);
		forEachEntry(annotation.metadata(), "metadata", where, filter::metadata);
		forEachEntry(annotation.payload(), "payload", where, filter::payload);
		return filter.build();
	}

	private interface EntryConsumer {

		void accept(String key, String regex);

	}

	private static void forEachEntry(String[] entries, String attribute, String where, EntryConsumer consumer) {
		for (String entry : entries) {
			int equals = entry.indexOf('=');
			if (equals <= 0) {
				throw new EndpointDefinitionException(where + ": " + attribute + " entry '" + entry
						+ "' must be written key=regex");
			}
			consumer.accept(entry.substring(0, equals), entry.substring(equals + 1));
		}
	}

}
