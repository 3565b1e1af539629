package io.oslo4j.messaging.wire;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kinds of message oslo4j receives, and the one way each is decoded from what a transport
 * delivers: the envelope is unwrapped (and decompressed) first, then the message is read. A
 * well-formed request or reply is read from its bytes in place; anything irregular is read as a tree,
 * which decides its errors.
 *
 * @param <T> the decoded message
 * @since 0.3
 */
public final class MessageType<T> {

	/** An RPC request (call or cast). */
	public static final MessageType<RpcRequest> REQUEST = new MessageType<>("RPC request", RequestReader::read,
			RpcRequest::fromJson);

	/** An RPC reply, heartbeat or failure. */
	public static final MessageType<RpcReply> REPLY = new MessageType<>("RPC reply", ReplyReader::read,
			RpcReply::fromJson);

	/** A notification. */
	public static final MessageType<NotificationMessage> NOTIFICATION = new MessageType<>("notification",
			null, NotificationMessage::fromJson);

	private final String name;

	/**
	 * Reads a plainly well-formed inner message from its bytes, or gives up (null) for
	 * {@link #reader}; null where every message is read as a tree.
	 */
	private final @Nullable Function<InnerJson, @Nullable T> fastReader;

	private final BiFunction<JsonMapper, ObjectNode, T> reader;

	private MessageType(String name, @Nullable Function<InnerJson, @Nullable T> fastReader,
			BiFunction<JsonMapper, ObjectNode, T> reader) {
		this.name = name;
		this.fastReader = fastReader;
		this.reader = reader;
	}

	/**
	 * Decodes a delivered body.
	 * @param headers the delivery's AMQP headers (compression is announced there)
	 * @throws MalformedMessageException when it is not an oslo message of this type;
	 * {@link MalformedRequestException} for a request that still names where to answer
	 */
	public T decode(Envelope envelope, byte[] body, @Nullable String contentType, Map<String, ?> headers) {
		return envelope.decode(body, contentType, headers, this.fastReader, this.reader);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
