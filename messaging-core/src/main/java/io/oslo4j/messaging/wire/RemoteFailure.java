package io.oslo4j.messaging.wire;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server-side exception as oslo sends it in a reply's {@code failure}: a JSON object with
 * {@code class}, {@code module}, {@code message}, {@code tb}, {@code args} and {@code kwargs},
 * serialized to a string (which is then a string inside the reply, itself a string inside the
 * envelope).
 *
 * @param className the exception's class name, e.g. {@code ValueError}
 * @param module the module (Python) or package (Java) of the class, e.g. {@code builtins}
 * @param message the exception's message
 * @param traceback the formatted traceback, one entry per line, each ending with a newline
 * @param args the exception's positional arguments
 * @param kwargs the exception's keyword arguments
 * @since 0.1
 */
public record RemoteFailure(String className, String module, String message, List<String> traceback,
		ArrayNode args, ObjectNode kwargs) {

	public RemoteFailure {
		traceback = List.copyOf(traceback);
	}

	/** A failure whose {@code args} is just the message, as most exceptions have. */
	public static RemoteFailure of(JsonMapper mapper, String className, String module, String message,
			List<String> traceback) {
		ArrayNode args = mapper.createArrayNode();
		args.add(message);
		return new RemoteFailure(className, module, message, traceback, args, mapper.createObjectNode());
	}

	/** The JSON text that goes into a reply's {@code failure}. */
	public String toJsonString(JsonMapper mapper) {
		ObjectNode node = mapper.createObjectNode();
		node.put("class", this.className);
		node.put("module", this.module);
		node.put("message", this.message);
		ArrayNode tb = node.putArray("tb");
		this.traceback.forEach(tb::add);
		node.set("args", this.args);
		node.set("kwargs", this.kwargs);
		return mapper.writeValueAsString(node);
	}

	/**
	 * Reads a reply's {@code failure} text. Missing fields are tolerated (an empty message, an
	 * empty traceback), since a failure must reach the caller even from an odd peer.
	 * @throws MalformedMessageException if the text is not a JSON object
	 */
	public static RemoteFailure parse(JsonMapper mapper, String json) {
		JsonNode node;
		try {
			node = mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("failure is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (node == null || !node.isObject()) {
			throw new MalformedMessageException("failure must be a JSON object");
		}
		List<String> traceback = new ArrayList<>();
		JsonNode tb = node.path("tb");
		if (tb.isArray()) {
			tb.forEach((line) -> traceback.add(line.asString("")));
		}
		JsonNode args = node.path("args");
		JsonNode kwargs = node.path("kwargs");
		return new RemoteFailure(node.path("class").asString("RemoteError"), node.path("module").asString(""),
				node.path("message").asString(""), traceback,
				args.isArray() ? (ArrayNode) args : mapper.createArrayNode(),
				kwargs.isObject() ? (ObjectNode) kwargs : mapper.createObjectNode());
	}

}
