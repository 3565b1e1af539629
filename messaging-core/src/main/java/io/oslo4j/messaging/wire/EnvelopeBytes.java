package io.oslo4j.messaging.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

/**
 * The envelope around an inner message written as bytes, in one pass: the bytes Jackson writes
 * for {@code {"oslo.version": "2.0", "oslo.message": <the message as a string>}}, where a message
 * of printable ASCII (what oslo's JSON dialect writes: non-ASCII is escaped) needs only its quotes
 * and backslashes escaped. The message is written by an {@link InnerJsonWriter} that escapes them
 * as it goes ({@link InnerJsonWriter#inString}), after the envelope's head, into a per-thread
 * buffer; a message holding anything not printable ASCII (which only the mapper's bytes can) is
 * left to the generator.
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
			InnerJsonWriter writer = InnerJsonWriter.inString(mapper, out.bytes, HEAD);
			message.accept(writer);
			if (writer.escaped()) {
				writer.verbatim(TAIL);
			}
			out.bytes = writer.bytes();
			return writer.escaped() ? Arrays.copyOf(writer.bytes(), writer.size())
					: wrapText.apply(new String(writer.bytes(), 0, writer.size(), StandardCharsets.UTF_8));
		}
		finally {
			out.inUse = false;
		}
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
