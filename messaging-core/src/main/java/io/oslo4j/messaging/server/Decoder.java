package io.oslo4j.messaging.server;

import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.MalformedMessageException;
import io.oslo4j.messaging.wire.MessageType;

/**
 * The first step of a server's pipeline: a delivery's body, decoded as the message type the
 * server serves, with the transport's envelope.
 *
 * @since 0.3
 */
public final class Decoder {

	private final Envelope envelope;

	public Decoder(Envelope envelope) {
		this.envelope = envelope;
	}

	/**
	 * Decodes a delivery.
	 * @throws MalformedMessageException when it is not an oslo message of that type
	 */
	public <T> T decode(Delivery delivery, MessageType<T> type) {
		return type.decode(this.envelope, delivery.body(), delivery.contentType(), delivery.headers());
	}

}
