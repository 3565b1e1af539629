package io.oslo4j.messaging.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The envelope around an inner message written as bytes, in one copy: the bytes Jackson writes
 * for {@code {"oslo.version": "2.0", "oslo.message": <the message as a string>}}, where a message
 * of printable ASCII (what oslo's JSON dialect writes: non-ASCII is escaped) needs only its quotes
 * and backslashes escaped. Anything else is left to the generator.
 */
final class EnvelopeBytes {

	private static final byte[] HEAD = ("{\"" + Envelope.VERSION_KEY + "\":\"2.0\",\"" + Envelope.MESSAGE_KEY + "\":\"")
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

	private EnvelopeBytes() {
	}

	/**
	 * The body of a message written by {@code message}: enveloped here when it is printable ASCII,
	 * otherwise by {@code wrapText} from its text.
	 */
	static byte[] write(JsonMapper mapper, BiConsumer<JsonGenerator, JsonMapper> message,
			Function<String, byte[]> wrapText) {
		Buffer out = Buffer.take();
		try {
			try (JsonGenerator generator = mapper.createGenerator(out)) {
				message.accept(generator, mapper);
			}
			byte[] body = wrap(out.bytes(), out.size());
			return (body != null) ? body : wrapText.apply(new String(out.bytes(), 0, out.size(), StandardCharsets.UTF_8));
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
	 * The generator's output, read in place; one per thread, reused while it stays small (the
	 * body is copied out of it before the thread writes another).
	 */
	private static final class Buffer extends ByteArrayOutputStream {

		private static final int KEPT = 16 * 1024;

		private static final ThreadLocal<Buffer> CURRENT = ThreadLocal.withInitial(Buffer::new);

		Buffer() {
			super(1024);
		}

		/** Whether a write on this thread holds it (a serializer that wraps a message while one is written). */
		boolean inUse;

		static Buffer take() {
			Buffer buffer = CURRENT.get();
			if (buffer.inUse) {
				buffer = new Buffer();
			}
			else if (buffer.buf.length > KEPT) {
				buffer = new Buffer();
				CURRENT.set(buffer);
			}
			buffer.reset();
			buffer.inUse = true;
			return buffer;
		}

		byte[] bytes() {
			return this.buf;
		}

	}

}
