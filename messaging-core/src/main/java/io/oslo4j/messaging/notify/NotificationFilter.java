package io.oslo4j.messaging.notify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Which notifications an endpoint sees: oslo.messaging's {@code NotificationFilter}. A listener
 * skips an endpoint whose filter does not match, and goes on with the next one.
 *
 * <p>Every condition is a regular expression matched as Python's {@code re.match} does: anchored
 * at the start of the value, not at its end, so {@code compute} matches {@code compute.start}
 * but {@code start} does not (end it with {@code $} to match whole values). A notification
 * matches when all conditions hold:
 * <ul>
 * <li>{@code publisherId} and {@code eventType}: the value is present and matches;</li>
 * <li>{@code context}, {@code metadata} ({@code message_id}, {@code timestamp}) and
 * {@code payload}: for every key given, the key is present, its value is a <em>string</em>, and it
 * matches. A missing key, a number or an object under the key means no match; so does a payload
 * that is not a JSON object (or a {@code Map}).</li>
 * </ul>
 * Filters are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class NotificationFilter {

	private static final NotificationFilter ANY = builder().build();

	private final @Nullable Pattern publisherId;

	private final @Nullable Pattern eventType;

	private final Map<String, Pattern> context;

	private final Map<String, Pattern> metadata;

	private final Map<String, Pattern> payload;

	private NotificationFilter(Builder builder) {
		this.publisherId = builder.publisherId;
		this.eventType = builder.eventType;
		this.context = Collections.unmodifiableMap(new LinkedHashMap<>(builder.context));
		this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(builder.metadata));
		this.payload = Collections.unmodifiableMap(new LinkedHashMap<>(builder.payload));
	}

	/** The filter that matches every notification. */
	public static NotificationFilter any() {
		return ANY;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Whether the filter lets this notification through (see the class documentation). */
	public boolean matches(Notification<?> notification) {
		if (!matches(this.publisherId, notification.publisherId()) || !matches(this.eventType, notification.eventType())) {
			return false;
		}
		for (Map.Entry<String, Pattern> entry : this.context.entrySet()) {
			if (!matches(entry.getValue(), notification.context().get(entry.getKey()))) {
				return false;
			}
		}
		for (Map.Entry<String, Pattern> entry : this.metadata.entrySet()) {
			if (!matches(entry.getValue(), metadataValue(notification.metadata(), entry.getKey()))) {
				return false;
			}
		}
		for (Map.Entry<String, Pattern> entry : this.payload.entrySet()) {
			if (!matches(entry.getValue(), payloadValue(notification.payload(), entry.getKey()))) {
				return false;
			}
		}
		return true;
	}

	private static boolean matches(@Nullable Pattern pattern, @Nullable Object value) {
		if (pattern == null) {
			return true;
		}
		return value instanceof String text && pattern.matcher(text).lookingAt();
	}

	private static @Nullable Object metadataValue(NotificationMetadata metadata, String key) {
		return switch (key) {
			case "message_id" -> metadata.messageId();
			case "timestamp" -> metadata.timestamp();
			default -> null;
		};
	}

	private static @Nullable Object payloadValue(@Nullable Object payload, String key) {
		if (payload instanceof JsonNode node) {
			JsonNode value = node.isObject() ? node.get(key) : null;
			return (value != null && value.isString()) ? value.asString() : null;
		}
		if (payload instanceof Map<?, ?> map) {
			return map.get(key);
		}
		return null;
	}

	@Override
	public String toString() {
		StringJoiner fields = new StringJoiner(", ", "NotificationFilter[", "]");
		if (this.publisherId != null) {
			fields.add("publisher_id=" + this.publisherId);
		}
		if (this.eventType != null) {
			fields.add("event_type=" + this.eventType);
		}
		if (!this.context.isEmpty()) {
			fields.add("context=" + this.context);
		}
		if (!this.metadata.isEmpty()) {
			fields.add("metadata=" + this.metadata);
		}
		if (!this.payload.isEmpty()) {
			fields.add("payload=" + this.payload);
		}
		return fields.toString();
	}

	/**
	 * Builds a {@link NotificationFilter}. Every condition is optional; each regular expression
	 * is checked here.
	 */
	public static final class Builder {

		private @Nullable Pattern publisherId;

		private @Nullable Pattern eventType;

		private final Map<String, Pattern> context = new LinkedHashMap<>();

		private final Map<String, Pattern> metadata = new LinkedHashMap<>();

		private final Map<String, Pattern> payload = new LinkedHashMap<>();

		private Builder() {
		}

		/** The {@code publisher_id} must match this expression. */
		public Builder publisherId(String regex) {
			this.publisherId = compile("publisher_id", regex);
			return this;
		}

		/** The {@code event_type} must match this expression. */
		public Builder eventType(String regex) {
			this.eventType = compile("event_type", regex);
			return this;
		}

		/** The context must hold a string under {@code key} that matches this expression. */
		public Builder context(String key, String regex) {
			this.context.put(key, compile("context " + key, regex));
			return this;
		}

		/**
		 * The metadata must hold a string under {@code key} ({@code message_id} or
		 * {@code timestamp}) that matches this expression.
		 */
		public Builder metadata(String key, String regex) {
			this.metadata.put(key, compile("metadata " + key, regex));
			return this;
		}

		/** The payload must be an object holding a string under {@code key} that matches this expression. */
		public Builder payload(String key, String regex) {
			this.payload.put(key, compile("payload " + key, regex));
			return this;
		}

		public NotificationFilter build() {
			return new NotificationFilter(this);
		}

		private static Pattern compile(String what, String regex) {
			try {
				return Pattern.compile(regex);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException("The " + what + " filter '" + regex
						+ "' is not a regular expression: " + ex.getDescription(), ex);
			}
		}

	}

}
