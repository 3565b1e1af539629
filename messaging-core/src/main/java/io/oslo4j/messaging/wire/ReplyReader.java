package io.oslo4j.messaging.wire;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Reads a well-formed reply straight from the inner message's bytes ({@link InnerJson}), without a
 * tree of the message and without Jackson's per-message set-up (only {@code result} becomes one).
 * It gives up (returns null) at the first thing {@link RpcReply#fromJson} would refuse or convert,
 * and at duplicate keys, so that the tree reader decides those exactly as before.
 */
final class ReplyReader {

	private static final int RESULT = 1;

	private static final int FAILURE = 1 << 1;

	private static final int ENDING = 1 << 2;

	private static final int MSG_ID = 1 << 3;

	private static final int UNIQUE_ID = 1 << 4;

	private ReplyReader() {
	}

	/** The reply, or null when the message is not a plainly well-formed reply. */
	static @Nullable RpcReply read(InnerJson json) {
		json.beginObject();
		int seen = 0;
		JsonNode result = NullNode.getInstance();
		String failure = null;
		boolean ending = false;
		String msgId = null;
		String uniqueId = "";
		for (String name = json.nextName(true); name != null; name = json.nextName(false)) {
			int key = switch (name) {
				case "result" -> RESULT;
				case "failure" -> FAILURE;
				case "ending" -> ENDING;
				case "_msg_id" -> MSG_ID;
				case "_unique_id" -> UNIQUE_ID;
				default -> 0;
			};
			if ((seen & key) != 0) {
				// a duplicate: the tree keeps the last
				return null;
			}
			seen |= key;
			switch (key) {
				case RESULT -> result = json.readNode(1);
				case FAILURE -> {
					if (json.isString()) {
						failure = json.readString();
					}
					else if (json.isNull()) {
						json.readNull();
					}
					else {
						// an object is re-serialized by the tree reader
						return null;
					}
				}
				case ENDING -> {
					if (!json.isTrue() && !json.isFalse()) {
						return null;
					}
					ending = json.readBoolean();
				}
				case MSG_ID -> {
					if (!json.isString()) {
						return null;
					}
					msgId = json.readString();
				}
				case UNIQUE_ID -> {
					if (json.isString()) {
						uniqueId = json.readString();
					}
					else {
						json.skipValue(1);
					}
				}
				default -> json.skipValue(1);
			}
		}
		if (msgId == null) {
			return null;
		}
		return new RpcReply(result, failure, ending, msgId, uniqueId);
	}

}
