package io.oslo4j.messaging.options;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One option of oslo.messaging, under its oslo.config group and name, with oslo's type, default
 * and checks, and what oslo4j does with it.
 *
 * @param group the oslo.config group: {@link #DEFAULT}, {@link #RABBIT} or {@link #NOTIFICATIONS}
 * @param name the option's name in that group
 * @param type how its text converts
 * @param defaultValue oslo's default in its text form, or {@code null} when oslo has none or
 * computes it (the host name, the program name)
 * @param choices the only texts allowed, or empty for any
 * @param min the smallest number allowed, or {@code null}
 * @param max the largest number allowed, or {@code null}
 * @param deprecatedNames older names oslo still reads for it (14.0.3's {@code rabbit_quroum_*})
 * @param applied whether the option changes what oslo4j does; when {@code false}, {@code effect}
 * says why it has no effect in Java
 * @param effect what the option does in oslo4j, or why it does nothing
 * @since 0.2
 */
public record OsloOption(String group, String name, OptionType type, @Nullable String defaultValue,
		List<String> choices, @Nullable BigDecimal min, @Nullable BigDecimal max, List<String> deprecatedNames,
		boolean applied, String effect) {

	/** oslo.config's {@code [DEFAULT]} group. */
	public static final String DEFAULT = "DEFAULT";

	/** {@code [oslo_messaging_rabbit]}: the RabbitMQ driver's options. */
	public static final String RABBIT = "oslo_messaging_rabbit";

	/** {@code [oslo_messaging_notifications]}: the notifier's options. */
	public static final String NOTIFICATIONS = "oslo_messaging_notifications";

	public OsloOption {
		choices = List.copyOf(choices);
		deprecatedNames = List.copyOf(deprecatedNames);
	}

	/**
	 * The value of a text, checked as oslo.config checks it: type, choices, bounds.
	 * @throws InvalidOptionException naming the option, the text and the reason
	 */
	public Object convert(String text) {
		Object value;
		try {
			value = this.type.convert(text);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(text, ex.getMessage());
		}
		if (!this.choices.isEmpty() && !this.choices.contains(text)) {
			throw invalid(text, "expected one of " + String.join(", ", this.choices));
		}
		BigDecimal number = number(value);
		if (number != null && this.min != null && number.compareTo(this.min) < 0) {
			throw invalid(text, "must be at least " + this.min.toPlainString());
		}
		if (number != null && this.max != null && number.compareTo(this.max) > 0) {
			throw invalid(text, "must be at most " + this.max.toPlainString());
		}
		return value;
	}

	/** {@code [group] name}, as oslo.config names an option in its messages. */
	public String qualifiedName() {
		return "[" + this.group + "] " + this.name;
	}

	/**
	 * An exception for a value of this option that oslo refuses.
	 * @param text the value as written
	 * @param reason why it is refused
	 */
	public InvalidOptionException invalid(String text, String reason) {
		return new InvalidOptionException(this.name, "option '" + this.name + "=" + text + "': " + reason);
	}

	private static @Nullable BigDecimal number(Object value) {
		if (value instanceof Integer integer) {
			return BigDecimal.valueOf(integer);
		}
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (value instanceof java.time.Duration duration) {
			return BigDecimal.valueOf(duration.toMillis(), 3);
		}
		return null;
	}

}
