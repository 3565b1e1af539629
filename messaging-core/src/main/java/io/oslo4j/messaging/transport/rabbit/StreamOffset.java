package io.oslo4j.messaging.transport.rabbit;

import org.jspecify.annotations.Nullable;

/**
 * Where a consumer of the fanout stream starts reading when it consumes (again), as oslo 18.3's
 * {@code Consumer.next_stream_offset}: {@code "last"} at first and after the broker cancelled the
 * consumer (the stream may have been deleted and made anew), otherwise the offset after the last
 * message handed to the handler, so that a reconnected server neither loses nor repeats casts.
 */
final class StreamOffset {

	static final String LAST = "last";

	private @Nullable Long next;

	/** The {@code x-stream-offset} consumer argument: {@code "last"}, or a number. */
	synchronized Object argument() {
		return (this.next != null) ? this.next : LAST;
	}

	/**
	 * Records a delivery about to be handled.
	 * @param header the delivery's {@code x-stream-offset} header, or null (then nothing changes)
	 */
	synchronized void handled(@Nullable Object header) {
		if (header instanceof Number offset) {
			this.next = offset.longValue() + 1;
		}
	}

	/** Starts again from the last chunk of the stream. */
	synchronized void reset() {
		this.next = null;
	}

}
