package io.oslo4j.messaging.options;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The values of a set of oslo options, converted and checked as oslo.config does, over oslo's
 * defaults; immutable. An option given under a deprecated name is stored under its current one.
 *
 * @since 0.2
 */
public final class OptionValues {

	private final Map<OsloOption, Object> values;

	private final Map<OsloOption, String> texts;

	private OptionValues(Map<OsloOption, Object> values, Map<OsloOption, String> texts) {
		this.values = values;
		this.texts = texts;
	}

	/** No option set: every option has oslo's default. */
	public static OptionValues empty() {
		return new OptionValues(Map.of(), Map.of());
	}

	/**
	 * The options of a group, by name (or deprecated name) in their text form.
	 * @param group the group whose options these are
	 * @param options names and texts
	 * @throws InvalidOptionException for a name that is no option of the group, or a value oslo
	 * refuses
	 */
	public static OptionValues parse(String group, Map<String, String> options) {
		OptionValues result = empty();
		for (Map.Entry<String, String> entry : options.entrySet()) {
			OsloOption option = OsloOptions.find(group, entry.getKey())
				.orElseThrow(() -> unknown(group, entry.getKey()));
			result = result.with(option, entry.getValue());
		}
		return result;
	}

	/**
	 * These values with one more option set.
	 * @throws InvalidOptionException when oslo refuses the text
	 */
	public OptionValues with(OsloOption option, String text) {
		Object value = option.convert(text);
		Map<OsloOption, Object> values = new LinkedHashMap<>(this.values);
		Map<OsloOption, String> texts = new LinkedHashMap<>(this.texts);
		values.put(option, value);
		texts.put(option, text);
		return new OptionValues(Collections.unmodifiableMap(values), Collections.unmodifiableMap(texts));
	}

	/** The options that were set, with their texts as written, in the order they were set. */
	public Map<String, String> texts() {
		return this.texts.entrySet()
			.stream()
			.collect(Collectors.toMap((entry) -> entry.getKey().name(), Map.Entry::getValue, (a, b) -> b,
					LinkedHashMap::new));
	}

	public boolean bool(String group, String name) {
		return (Boolean) value(group, name);
	}

	public int integer(String group, String name) {
		return (Integer) value(group, name);
	}

	public Duration seconds(String group, String name) {
		return (Duration) value(group, name);
	}

	public BigDecimal decimal(String group, String name) {
		return (BigDecimal) value(group, name);
	}

	/** A string option; {@code null} when it is not set and oslo has no default. */
	public @Nullable String string(String group, String name) {
		return (String) valueOrNull(group, name);
	}

	@SuppressWarnings("unchecked")
	public List<String> list(String group, String name) {
		return (List<String>) value(group, name);
	}

	private Object value(String group, String name) {
		return Objects.requireNonNull(valueOrNull(group, name), () -> "option " + name + " has no default");
	}

	private @Nullable Object valueOrNull(String group, String name) {
		OsloOption option = OsloOptions.find(group, name)
			.orElseThrow(() -> new IllegalArgumentException("no option " + name + " in [" + group + "]"));
		Object value = this.values.get(option);
		if (value == null && option.defaultValue() != null) {
			value = option.convert(option.defaultValue());
		}
		return value;
	}

	private static InvalidOptionException unknown(String group, String name) {
		String other = OsloOptions.find(name)
			.map((option) -> "; it is an option of " + option.qualifiedName().replace(" " + option.name(), ""))
			.orElse("");
		return new InvalidOptionException(name, "'" + name + "' is no option of [" + group + "] in oslo.messaging"
				+ other);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof OptionValues that) && this.values.equals(that.values);
	}

	@Override
	public int hashCode() {
		return this.values.hashCode();
	}

	@Override
	public String toString() {
		return this.texts.entrySet()
			.stream()
			.map((entry) -> entry.getKey().name() + "=" + entry.getValue())
			.collect(Collectors.joining(", ", "{", "}"));
	}

}
