package io.oslo4j.messaging.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a well-formed request straight from the inner message's text, without a tree of the
 * message (only {@code args} and non-scalar context values become trees). It gives up (returns
 * null) at the first thing {@link RpcRequest#fromJson} would refuse or treat specially, so that
 * the tree reader decides every irregular message exactly as before, with the same errors.
 */
final class RequestReader {

	/** The keys whose value must be a string or null: anything else is the tree reader's error. */
	private static final Set<String> STRINGS_OR_NULL = Set.of("method", "namespace", "version");

	private RequestReader() {
	}

	/** The request, or null when the message is not a plainly well-formed request. */
	static @Nullable RpcRequest read(Envelope envelope, String text) {
		try (JsonParser parser = envelope.parser(text)) {
			return read(envelope, parser);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable RpcRequest read(Envelope envelope, JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			return null;
		}
		Fields fields = new Fields();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken token = parser.nextToken();
			if (!fields.read(envelope, parser, name, token)) {
				return null;
			}
		}
		if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
			return null;
		}
		return new RpcRequest(fields.method, (fields.args != null) ? fields.args : envelope.mapper().createObjectNode(),
				fields.namespace, fields.version, fields.msgId, fields.replyQueue, fields.timeout, fields.uniqueId,
				(fields.context != null) ? RequestContext.of(fields.context) : RequestContext.empty());
	}

	/** What has been read so far; the last of duplicate keys wins, as in a tree. */
	private static final class Fields {

		@Nullable String method;

		@Nullable ObjectNode args;

		@Nullable String namespace;

		@Nullable String version;

		@Nullable String msgId;

		@Nullable String replyQueue;

		@Nullable Double timeout;

		@Nullable String uniqueId;

		@Nullable Map<String, @Nullable Object> context;

		/** Reads one property's value; false when the tree reader must decide. */
		boolean read(Envelope envelope, JsonParser parser, String name, JsonToken token) {
			if (STRINGS_OR_NULL.contains(name) && token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
				return false;
			}
			switch (name) {
				case "method" -> this.method = stringOrNull(parser, token);
				case "namespace" -> this.namespace = stringOrNull(parser, token);
				case "version" -> this.version = stringOrNull(parser, token);
				case "_msg_id" -> this.msgId = optionalString(parser, token);
				case "_reply_q" -> this.replyQueue = optionalString(parser, token);
				case "_unique_id" -> this.uniqueId = optionalString(parser, token);
				case "args" -> {
					if (token == JsonToken.START_OBJECT) {
						this.args = (ObjectNode) envelope.readNode(parser);
					}
					else if (token == JsonToken.VALUE_NULL) {
						this.args = null;
					}
					else {
						return false;
					}
				}
				case "_timeout" -> {
					if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
						this.timeout = parser.getDoubleValue();
					}
					else if (token == JsonToken.VALUE_NULL) {
						this.timeout = null;
					}
					else {
						return false;
					}
				}
				default -> {
					if (name.startsWith(RpcRequest.CONTEXT_PREFIX)) {
						if (this.context == null) {
							this.context = new LinkedHashMap<>();
						}
						this.context.put(RpcRequest.contextKey(name), contextValue(envelope, parser, token));
					}
					else {
						parser.skipChildren();
					}
				}
			}
			return true;
		}

		private static @Nullable String stringOrNull(JsonParser parser, JsonToken token) {
			return (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
		}

		private static @Nullable String optionalString(JsonParser parser, JsonToken token) {
			if (token == JsonToken.VALUE_STRING) {
				return parser.getString();
			}
			parser.skipChildren();
			return null;
		}

		private static @Nullable Object contextValue(Envelope envelope, JsonParser parser, JsonToken token) {
			return switch (token) {
				case VALUE_STRING -> parser.getString();
				case VALUE_TRUE -> Boolean.TRUE;
				case VALUE_FALSE -> Boolean.FALSE;
				case VALUE_NULL -> null;
				default -> RpcRequest.contextValue(envelope.mapper(), envelope.readNode(parser));
			};
		}

	}

}
