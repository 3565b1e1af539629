package io.oslo4j.messaging.wire;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The envelope around an inner message written as bytes, in one copy: the bytes Jackson writes
 * for {@code {"oslo.version": "2.0", "oslo.message": <the message as a string>}}, where a message
 * of printable ASCII (what oslo's JSON dialect writes: non-ASCII is escaped) needs only its quotes
 * and backslashes escaped. The message is written by an {@link InnerJsonWriter} into a per-thread
 * buffer; anything not printable ASCII is left to the generator.
 */
final class EnvelopeBytes {

	private static final byte[] HEAD = ("{\"" + Envelope.VERSION_KEY + "\":\"2.0\",\"" + Envelope.MESSAGE_KEY + "\":\"")
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

	private EnvelopeBytes() {
	}

	/**
	 * The body of a message written by {@code message}: enveloped here when it is printable ASCII
	 * (what the writer writes), otherwise by {@code wrapText} from its text.
	 */
	static byte[] write(JsonMapper mapper, Consumer<InnerJsonWriter> message, Function<String, byte[]> wrapText) {
		Buffer out = Buffer.take();
		try {
			InnerJsonWriter writer = new InnerJsonWriter(mapper, out.bytes);
			message.accept(writer);
			out.bytes = writer.bytes();
			byte[] body = wrap(writer.bytes(), writer.size());
			return (body != null) ? body
					: wrapText.apply(new String(writer.bytes(), 0, writer.size(), StandardCharsets.UTF_8));
		}
		finally {
			out.inUse = false;
		}
	}

	/**
	 * The body, or null when the message holds a byte that is not printable ASCII.
	 * @param message the inner message's JSON bytes, the first {@code length} of them
	 */
	private static byte @Nullable [] wrap(byte[] message, int length) {
		int escapes = 0;
		for (int i = 0; i < length; i++) {
			byte b = message[i];
			if (b < 0x20) {
				// a control character, or (as a negative byte) not ASCII
				return null;
			}
			if (b == '"' || b == '\\') {
				escapes++;
			}
		}
		byte[] body = new byte[HEAD.length + length + escapes + TAIL.length];
		System.arraycopy(HEAD, 0, body, 0, HEAD.length);
		int at = HEAD.length;
		if (escapes == 0) {
			System.arraycopy(message, 0, body, at, length);
			at += length;
		}
		else {
			for (int i = 0; i < length; i++) {
				byte b = message[i];
				if (b == '"' || b == '\\') {
					body[at++] = '\\';
				}
				body[at++] = b;
			}
		}
		System.arraycopy(TAIL, 0, body, at, TAIL.length);
		return body;
	}

	/**
	 * The writer's buffer, one per thread, reused while it stays small (the body is copied out of it
	 * before the thread writes another).
	 */
	private static final class Buffer {

		private static final int KEPT = 16 * 1024;

		private static final ThreadLocal<Buffer> CURRENT = ThreadLocal.withInitial(Buffer::new);

		byte[] bytes = new byte[1024];

		/** Whether a write on this thread holds it (a serializer that wraps a message while one is written). */
		boolean inUse;

		static Buffer take() {
			Buffer buffer = CURRENT.get();
			if (buffer.inUse) {
				buffer = new Buffer();
			}
			else if (buffer.bytes.length > KEPT) {
				buffer.bytes = new byte[1024];
			}
			buffer.inUse = true;
			return buffer;
		}

	}

}
