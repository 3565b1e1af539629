package io.oslo4j.messaging.wire;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper settings that oslo's peers need: Python's {@code jsonutils} may send bare
 * {@code NaN} and {@code Infinity} and integers of any size, and escapes non-ASCII characters.
 * Reading is bounded (nesting depth, string length, document length) so that hostile input fails
 * fast with a clear error instead of exhausting memory. A number with a fraction is never truncated
 * into an integer type: an argument {@code 1.5} for a {@code long} parameter is a {@code TypeError},
 * not {@code 1}.
 *
 * @since 0.1
 */
public final class WireJson {

	/** The default maximum nesting depth of a message. */
	public static final int DEFAULT_MAX_NESTING_DEPTH = 200;

	/** The default maximum length of one JSON string, in characters (oslo.message is one string). */
	public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024 * 1024;

	private static final JsonMapper DEFAULT = create(DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_STRING_LENGTH);

	private WireJson() {
	}

	/** The shared mapper with the default limits. */
	public static JsonMapper mapper() {
		return DEFAULT;
	}

	/**
	 * Whether a mapper reads and writes oslo's dialect as {@link #create} sets it (the features that
	 * decide which nodes a tree holds and which bytes a generator writes), whatever its limits.
	 */
	static boolean isDialectOf(JsonMapper mapper) {
		return mapper.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
				&& !mapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
				&& !mapper.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS)
				&& mapper.isEnabled(JsonWriteFeature.ESCAPE_NON_ASCII)
				&& !mapper.isEnabled(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
				&& !mapper.isEnabled(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
				&& !mapper.isEnabled(SerializationFeature.INDENT_OUTPUT);
	}

	/** A mapper with oslo's JSON dialect and the given read limits. */
	public static JsonMapper create(int maxNestingDepth, int maxStringLength) {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxNestingDepth(maxNestingDepth)
			.maxStringLength(maxStringLength)
			.build();
		JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
		return JsonMapper.builder(factory)
			.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
			.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
			.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
	}

}
