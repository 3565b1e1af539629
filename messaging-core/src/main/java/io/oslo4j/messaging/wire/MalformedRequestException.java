package io.oslo4j.messaging.wire;

import org.jspecify.annotations.Nullable;

/**
 * An RPC request whose fields are of the wrong type, but which may still name where to reply.
 *
 * @since 0.1
 */
public class MalformedRequestException extends MalformedMessageException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String msgId;

	private final @Nullable String replyQueue;

	public MalformedRequestException(String message, @Nullable String msgId, @Nullable String replyQueue) {
		super(message);
		this.msgId = msgId;
		this.replyQueue = replyQueue;
	}

	/** The request's {@code _msg_id}, when it had a string one. */
	public @Nullable String getMsgId() {
		return this.msgId;
	}

	/** The request's {@code _reply_q}, when it had a string one. */
	public @Nullable String getReplyQueue() {
		return this.replyQueue;
	}

	/** Whether the sender can be sent an error reply. */
	public boolean canReply() {
		return this.msgId != null && this.replyQueue != null;
	}

}
