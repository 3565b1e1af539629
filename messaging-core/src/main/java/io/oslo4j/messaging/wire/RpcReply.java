package io.oslo4j.messaging.wire;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reply to a call, or a call-monitor heartbeat, as the inner message carries it:
 * {@code {"result", "failure", "ending", "_msg_id", "_unique_id"}}. {@code failure} and
 * {@code ending} are always written, since a Python caller indexes {@code failure} and waits
 * until it sees {@code ending: true}.
 *
 * @param result the return value, JSON null when none or on failure
 * @param failure the {@link RemoteFailure} JSON text, or null on success
 * @param ending true on the final reply, false on a heartbeat
 * @param msgId the {@code _msg_id} of the call answered
 * @param uniqueId a fresh id
 * @since 0.1
 */
public record RpcReply(JsonNode result, @Nullable String failure, boolean ending, String msgId, String uniqueId) {

	/** A successful final reply. */
	public static RpcReply success(String msgId, JsonNode result) {
		return new RpcReply(result, null, true, msgId, MessageIds.newHexId());
	}

	/** A failed final reply. */
	public static RpcReply failure(JsonMapper mapper, String msgId, RemoteFailure failure) {
		return new RpcReply(NullNode.getInstance(), failure.toJsonString(mapper), true, msgId, MessageIds.newHexId());
	}

	/** A call-monitor heartbeat: no result, no failure, not ending. */
	public static RpcReply heartbeat(String msgId) {
		return new RpcReply(NullNode.getInstance(), null, false, msgId, MessageIds.newHexId());
	}

	/** Whether this is a heartbeat rather than an answer. */
	public boolean isHeartbeat() {
		return !this.ending && this.failure == null && this.result.isNull();
	}

	public ObjectNode toJson(JsonMapper mapper) {
		ObjectNode node = mapper.createObjectNode();
		node.set("result", this.result);
		node.put("failure", this.failure);
		node.put("ending", this.ending);
		node.put("_msg_id", this.msgId);
		node.put("_unique_id", this.uniqueId);
		return node;
	}

	/** Writes the inner message as {@link #toJson} has it, key for key, without the tree. */
	void write(InnerJsonWriter out) {
		out.startObject();
		out.name("result");
		out.tree(this.result);
		out.stringProperty("failure", this.failure);
		out.booleanProperty("ending", this.ending);
		out.stringProperty("_msg_id", this.msgId);
		out.stringProperty("_unique_id", this.uniqueId);
		out.endObject();
	}

	/**
	 * Reads a reply. A missing {@code ending} counts as false, as in oslo; a {@code failure} that is
	 * an object rather than a string is accepted and re-serialized, so that an odd peer's failure
	 * still reaches the caller.
	 * @throws MalformedMessageException without a string {@code _msg_id}
	 */
	public static RpcReply fromJson(JsonMapper mapper, ObjectNode node) {
		JsonNode msgId = node.get("_msg_id");
		if (msgId == null || !msgId.isString()) {
			throw new MalformedMessageException("reply without a string _msg_id");
		}
		JsonNode result = node.get("result");
		JsonNode failure = node.get("failure");
		String failureText = null;
		if (failure != null && !failure.isNull()) {
			failureText = failure.isString() ? failure.asString() : mapper.writeValueAsString(failure);
		}
		JsonNode uniqueId = node.get("_unique_id");
		return new RpcReply((result != null) ? result : NullNode.getInstance(), failureText,
				node.path("ending").asBoolean(false), msgId.asString(),
				(uniqueId != null && uniqueId.isString()) ? uniqueId.asString() : "");
	}

}
