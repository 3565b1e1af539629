package io.oslo4j.messaging.wire;

import java.util.Map;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kinds of message oslo4j receives, and the one way each is decoded from what a transport
 * delivers: the envelope is unwrapped (and decompressed) first, then the message is read.
 *
 * @param <T> the decoded message
 * @since 0.3
 */
public final class MessageType<T> {

	/** An RPC request (call or cast). */
	public static final MessageType<RpcRequest> REQUEST = new MessageType<>("RPC request", RpcRequest::fromJson);

	/** An RPC reply, heartbeat or failure. */
	public static final MessageType<RpcReply> REPLY = new MessageType<>("RPC reply", RpcReply::fromJson);

	/** A notification. */
	public static final MessageType<NotificationMessage> NOTIFICATION = new MessageType<>("notification",
			NotificationMessage::fromJson);

	private final String name;

	private final BiFunction<JsonMapper, ObjectNode, T> reader;

	private MessageType(String name, BiFunction<JsonMapper, ObjectNode, T> reader) {
		this.name = name;
		this.reader = reader;
	}

	/**
	 * Decodes a delivered body.
	 * @param headers the delivery's AMQP headers (compression is announced there)
	 * @throws MalformedMessageException when it is not an oslo message of this type;
	 * {@link MalformedRequestException} for a request that still names where to answer
	 */
	public T decode(Envelope envelope, byte[] body, @Nullable String contentType, Map<String, ?> headers) {
		return this.reader.apply(envelope.mapper(), envelope.unwrap(body, contentType, headers));
	}

	@Override
	public String toString() {
		return this.name;
	}

}
