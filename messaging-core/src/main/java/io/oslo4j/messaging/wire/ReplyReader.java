package io.oslo4j.messaging.wire;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Reads a well-formed reply straight from the inner message's text, without a tree of the message
 * (only {@code result} becomes one). It gives up (returns null) at the first thing
 * {@link RpcReply#fromJson} would refuse or convert, so that the tree reader decides those
 * exactly as before.
 */
final class ReplyReader {

	private ReplyReader() {
	}

	/** The reply, or null when the message is not a plainly well-formed reply. */
	static @Nullable RpcReply read(Envelope envelope, String text) {
		try (JsonParser parser = envelope.parser(text)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			JsonNode result = NullNode.getInstance();
			String failure = null;
			boolean ending = false;
			String msgId = null;
			String uniqueId = "";
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken token = parser.nextToken();
				switch (name) {
					case "result" -> {
						JsonNode node = envelope.readNode(parser);
						result = (node != null) ? node : NullNode.getInstance();
					}
					case "failure" -> {
						if (token == JsonToken.VALUE_STRING) {
							failure = parser.getString();
						}
						else if (token == JsonToken.VALUE_NULL) {
							failure = null;
						}
						else {
							return null;
						}
					}
					case "ending" -> {
						if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
							return null;
						}
						ending = (token == JsonToken.VALUE_TRUE);
					}
					case "_msg_id" -> {
						if (token != JsonToken.VALUE_STRING) {
							return null;
						}
						msgId = parser.getString();
					}
					case "_unique_id" -> {
						uniqueId = (token == JsonToken.VALUE_STRING) ? parser.getString() : "";
						parser.skipChildren();
					}
					default -> parser.skipChildren();
				}
			}
			if (msgId == null || parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
				return null;
			}
			return new RpcReply(result, failure, ending, msgId, uniqueId);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
