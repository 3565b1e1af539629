package io.oslo4j.messaging.transport;

import org.jspecify.annotations.Nullable;

/**
 * Where the replies of a transport's RPC calls go: the {@code _reply_q} a call names. A named reply
 * queue ({@link TransportDriver#startReplyConsumer}) keeps its name for good; a RabbitMQ direct
 * reply-to address ({@link TransportDriver#startDirectReplyConsumer}) is valid only while the
 * channel that consumes it lives, and a new one is learnt after a reconnect.
 *
 * @since 0.3
 */
public interface ReplyAddress {

	/**
	 * The address replies reach now, without waiting; null when {@link #address()} must connect or ask
	 * the broker first.
	 */
	@Nullable String ready();

	/**
	 * The address replies reach now, connecting and asking the broker first if needed: a blocking
	 * call, for a thread that may wait for the broker.
	 * @throws io.oslo4j.messaging.MessagingException if the broker cannot be reached or refuses
	 */
	String address();

	/** A reply address that never changes: a named reply queue. */
	static ReplyAddress of(String queue) {
		return new ReplyAddress() {

			@Override
			public String ready() {
				return queue;
			}

			@Override
			public String address() {
				return queue;
			}

		};
	}

}
