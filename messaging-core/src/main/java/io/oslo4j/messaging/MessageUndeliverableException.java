package io.oslo4j.messaging;

/**
 * The broker returned a mandatory message because no queue was bound for its routing key: the
 * request asked for at-least-once delivery and nobody listens. oslo.messaging's
 * {@code MessageUndeliverable}.
 *
 * @since 0.1
 */
public class MessageUndeliverableException extends MessagingException {

	private static final long serialVersionUID = 1L;

	private final String exchange;

	private final String routingKey;

	public MessageUndeliverableException(String exchange, String routingKey) {
		super("Message undeliverable: no queue is bound to exchange '" + exchange + "' with routing key '"
				+ routingKey + "'");
		this.exchange = exchange;
		this.routingKey = routingKey;
	}

	public String getExchange() {
		return this.exchange;
	}

	public String getRoutingKey() {
		return this.routingKey;
	}

}
