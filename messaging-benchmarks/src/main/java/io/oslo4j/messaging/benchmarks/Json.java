package io.oslo4j.messaging.benchmarks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.oslo4j.messaging.wire.WireJson;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON in (command-line arguments) and out (result lines), in oslo's JSON dialect. */
final class Json {

	private Json() {
	}

	static JsonMapper mapper() {
		return WireJson.mapper();
	}

	/** One compact line of JSON. */
	static String line(Object value) {
		return mapper().writeValueAsString(value);
	}

	/**
	 * A JSON object given on the command line, as a map. (A map-typed option would make picocli
	 * expect {@code KEY=VALUE} pairs.)
	 */
	record ObjectArgument(Map<String, @Nullable Object> map) {

		static final ObjectArgument EMPTY = new ObjectArgument(Map.of());

	}

	/** Converts an option's text to a JSON object, naming the option when it is not one. */
	static final class ObjectConverter implements ITypeConverter<ObjectArgument> {

		@Override
		public ObjectArgument convert(String text) {
			JsonNode node;
			try {
				node = mapper().readTree(text);
			}
			catch (JacksonException ex) {
				throw new TypeConversionException("not valid JSON (" + ex.getOriginalMessage() + "): " + text);
			}
			if (node == null || !node.isObject()) {
				throw new TypeConversionException("expected a JSON object such as {\"value\": 1}, got: " + text);
			}
			@SuppressWarnings("unchecked")
			Map<String, @Nullable Object> map = mapper().treeToValue(node, LinkedHashMap.class);
			return new ObjectArgument(Collections.unmodifiableMap(map));
		}

	}

}
