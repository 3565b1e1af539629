package io.oslo4j.messaging.wire;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An RPC request (call or cast) as the inner message carries it.
 *
 * <p>Keys, in the order oslo writes them: {@code method}, {@code args}, {@code namespace} and
 * {@code version} only when set, then for calls {@code _msg_id}, {@code _reply_q} and
 * {@code _timeout} (always present on calls, often null: it is the call-monitor timeout, not the
 * RPC timeout), then {@code _unique_id} and one {@code _context_<key>} per context entry.
 *
 * @param method the endpoint method name (null only on malformed input)
 * @param args the keyword arguments
 * @param namespace the endpoint namespace, or null for the default namespace
 * @param version the requested version, or null (a server then assumes 1.0)
 * @param msgId the call's correlation id; null for a cast
 * @param replyQueue the caller's reply queue; null for a cast
 * @param callMonitorTimeout the call-monitor timeout in seconds, or null
 * @param uniqueId the id used for duplicate suppression, or null when the sender gave none
 * @param context the request context
 * @since 0.1
 */
public record RpcRequest(@Nullable String method, ObjectNode args, @Nullable String namespace,
		@Nullable String version, @Nullable String msgId, @Nullable String replyQueue,
		@Nullable Double callMonitorTimeout, @Nullable String uniqueId, RequestContext context) {

	static final String CONTEXT_PREFIX = "_context_";

	private static final int CONTEXT_KEYS_CACHED = 1024;

	private static final Map<String, String> CONTEXT_KEYS = new ConcurrentHashMap<>();

	private static final Map<String, String> CONTEXT_PROPERTIES = new ConcurrentHashMap<>();

	/** The context key under which a server hands endpoints the caller's call-monitor timeout. */
	public static final String CLIENT_TIMEOUT = "client_timeout";

	/** Whether the request is a call, which expects a reply. */
	public boolean isCall() {
		return this.msgId != null;
	}

	/** The inner message, in oslo's key order. */
	public ObjectNode toJson(JsonMapper mapper) {
		ObjectNode node = mapper.createObjectNode();
		node.put("method", this.method);
		node.set("args", this.args);
		if (this.namespace != null) {
			node.put("namespace", this.namespace);
		}
		if (this.version != null) {
			node.put("version", this.version);
		}
		if (this.msgId != null) {
			node.put("_msg_id", this.msgId);
			node.put("_reply_q", this.replyQueue);
			if (this.callMonitorTimeout != null) {
				node.put("_timeout", this.callMonitorTimeout);
			}
			else {
				node.putNull("_timeout");
			}
		}
		if (this.uniqueId != null) {
			node.put("_unique_id", this.uniqueId);
		}
		putContext(mapper, node, this.context);
		return node;
	}

	/** Writes the inner message as {@link #toJson} has it, key for key, without the tree. */
	void write(InnerJsonWriter out) {
		out.startObject();
		out.stringProperty("method", this.method);
		out.name("args");
		out.tree(this.args);
		if (this.namespace != null) {
			out.stringProperty("namespace", this.namespace);
		}
		if (this.version != null) {
			out.stringProperty("version", this.version);
		}
		if (this.msgId != null) {
			out.stringProperty("_msg_id", this.msgId);
			out.stringProperty("_reply_q", this.replyQueue);
			if (this.callMonitorTimeout != null) {
				out.numberProperty("_timeout", this.callMonitorTimeout);
			}
			else {
				out.nullProperty("_timeout");
			}
		}
		if (this.uniqueId != null) {
			out.stringProperty("_unique_id", this.uniqueId);
		}
		writeContext(out, this.context);
		out.endObject();
	}

	/**
	 * Reads an inner message. Fields of the wrong type are refused with a
	 * {@link MalformedRequestException} that still carries the reply address when the message
	 * named one, so that the caller can be told instead of left to time out.
	 */
	public static RpcRequest fromJson(JsonMapper mapper, ObjectNode node) {
		String msgId = optionalString(node, "_msg_id");
		String replyQueue = optionalString(node, "_reply_q");
		try {
			JsonNode args = node.get("args");
			if (args != null && !args.isNull() && !args.isObject()) {
				throw new MalformedMessageException("args must be a JSON object, was " + args.getNodeType());
			}
			JsonNode timeout = node.get("_timeout");
			Double callMonitorTimeout = null;
			if (timeout != null && !timeout.isNull()) {
				if (!timeout.isNumber()) {
					throw new MalformedMessageException("_timeout must be a number, was " + timeout.getNodeType());
				}
				callMonitorTimeout = timeout.asDouble();
			}
			return new RpcRequest(requireStringOrNull(node, "method"),
					(args != null && args.isObject()) ? (ObjectNode) args : mapper.createObjectNode(),
					requireStringOrNull(node, "namespace"), requireStringOrNull(node, "version"), msgId, replyQueue,
					callMonitorTimeout, optionalString(node, "_unique_id"), readContext(mapper, node));
		}
		catch (MalformedMessageException ex) {
			throw new MalformedRequestException(ex.getMessage(), msgId, replyQueue);
		}
	}

	/**
	 * The context key of a {@code _context_<key>} property: the same few keys come with every
	 * request, so each is cut once (up to {@value #CONTEXT_KEYS_CACHED} of them) rather than per message.
	 */
	static String contextKey(String property) {
		String key = CONTEXT_KEYS.get(property);
		if (key == null) {
			key = property.substring(CONTEXT_PREFIX.length());
			if (CONTEXT_KEYS.size() < CONTEXT_KEYS_CACHED) {
				CONTEXT_KEYS.put(property, key);
			}
		}
		return key;
	}

	static void writeContext(InnerJsonWriter out, RequestContext context) {
		context.asMap().forEach((key, value) -> {
			out.name(contextProperty(key));
			if (value instanceof String text) {
				out.stringValue(text);
			}
			else if (value instanceof Boolean bool) {
				out.booleanValue(bool);
			}
			else if (value == null) {
				out.nullValue();
			}
			else {
				out.tree(out.mapper().valueToTree(value));
			}
		});
	}

	/**
	 * The {@code _context_<key>} property of a context key, made once per key (up to
	 * {@value #CONTEXT_KEYS_CACHED} of them) rather than per message.
	 */
	static String contextProperty(String key) {
		String property = CONTEXT_PROPERTIES.get(key);
		if (property == null) {
			property = CONTEXT_PREFIX + key;
			if (CONTEXT_PROPERTIES.size() < CONTEXT_KEYS_CACHED) {
				CONTEXT_PROPERTIES.put(key, property);
			}
		}
		return property;
	}

	static void putContext(JsonMapper mapper, ObjectNode node, RequestContext context) {
		context.asMap().forEach((key, value) -> node.set(CONTEXT_PREFIX + key, mapper.valueToTree(value)));
	}

	static RequestContext readContext(JsonMapper mapper, ObjectNode node) {
		Map<String, @Nullable Object> values = null;
		for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext();) {
			Map.Entry<String, JsonNode> entry = it.next();
			if (entry.getKey().startsWith(CONTEXT_PREFIX)) {
				if (values == null) {
					values = new LinkedHashMap<>();
				}
				values.put(contextKey(entry.getKey()), contextValue(mapper, entry.getValue()));
			}
		}
		return (values != null) ? RequestContext.of(values) : RequestContext.empty();
	}

	/**
	 * A context value as Java sees it: strings, booleans and nulls directly (most of a context),
	 * anything else as the mapper reads it into {@code Object} (integers as {@code BigInteger}).
	 */
	static @Nullable Object contextValue(JsonMapper mapper, JsonNode value) {
		if (value.isString()) {
			return value.asString();
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		if (value.isNull()) {
			return null;
		}
		return mapper.treeToValue(value, Object.class);
	}

	private static @Nullable String requireStringOrNull(ObjectNode node, String key) {
		JsonNode value = node.get(key);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new MalformedMessageException(key + " must be a string, was " + value.getNodeType());
		}
		return value.asString();
	}

	private static @Nullable String optionalString(ObjectNode node, String key) {
		JsonNode value = node.get(key);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
