package io.oslo4j.messaging.options;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The types of oslo.config options that oslo.messaging uses, each converting oslo's text form as
 * oslo.config does and saying what it expected when the text does not convert.
 *
 * @since 0.2
 */
public enum OptionType {

	/** {@code BoolOpt}: {@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}, in any case. */
	BOOLEAN {
		@Override
		Object convert(String text) {
			String lower = text.trim().toLowerCase(Locale.ROOT);
			if (TRUE.contains(lower)) {
				return Boolean.TRUE;
			}
			if (FALSE.contains(lower)) {
				return Boolean.FALSE;
			}
			throw new IllegalArgumentException("expected a boolean: true/false, yes/no, on/off or 1/0");
		}
	},

	/** {@code IntOpt}. */
	INTEGER {
		@Override
		Object convert(String text) {
			try {
				return Integer.valueOf(text.trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("expected an integer");
			}
		}
	},

	/**
	 * An {@code IntOpt} that counts seconds. oslo4j also accepts a fraction of a second (at most
	 * three decimals), which oslo refuses; the value is a {@link Duration}.
	 */
	SECONDS {
		@Override
		Object convert(String text) {
			try {
				return Duration.ofMillis(new BigDecimal(text.trim()).movePointRight(3).longValueExact());
			}
			catch (NumberFormatException | ArithmeticException ex) {
				throw new IllegalArgumentException("expected a number of seconds (at most 3 decimals)");
			}
		}
	},

	/** {@code FloatOpt}, as a {@link BigDecimal}. */
	FLOAT {
		@Override
		Object convert(String text) {
			try {
				return new BigDecimal(text.trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("expected a number");
			}
		}
	},

	/** {@code StrOpt}: the text as it is. */
	STRING {
		@Override
		Object convert(String text) {
			return text;
		}
	},

	/**
	 * {@code ListOpt} and {@code MultiStrOpt}, as a {@code List<String>}: items separated by commas
	 * (a configuration file's repeated keys of a multi-valued option arrive joined so).
	 */
	LIST {
		@Override
		Object convert(String text) {
			if (text.isBlank()) {
				return List.of();
			}
			return Arrays.stream(text.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
		}
	};

	private static final Set<String> TRUE = Set.of("true", "1", "on", "yes");

	private static final Set<String> FALSE = Set.of("false", "0", "off", "no");

	/**
	 * The value of a text.
	 * @throws IllegalArgumentException saying what was expected
	 */
	abstract Object convert(String text);

}
