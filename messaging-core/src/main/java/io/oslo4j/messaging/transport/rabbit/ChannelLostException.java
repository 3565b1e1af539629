package io.oslo4j.messaging.transport.rabbit;

import com.rabbitmq.client.ShutdownSignalException;
import io.oslo4j.messaging.MessageDeliveryFailureException;

/**
 * A publish whose channel closed before the broker confirmed it: whether the broker routed it is
 * unknown. The publisher tries such a publish once more on a fresh channel (on a channel of its
 * own when the broker refused a message of the lost one, to tell whether it was this one).
 */
final class ChannelLostException extends MessageDeliveryFailureException {

	private static final long serialVersionUID = 1L;

	ChannelLostException(ShutdownSignalException cause) {
		super("the channel closed before the broker confirmed the message: " + BrokerErrors.describe(cause), cause);
	}

	/**
	 * Whether the broker closed the channel because it refused a message or a resource (see
	 * {@link BrokerErrors#refused}); the message it refused may be another one of the channel.
	 */
	boolean refused() {
		return BrokerErrors.refused(getCause());
	}

	/** Whether the broker closed the channel because the exchange is missing (404). */
	boolean exchangeNotFound() {
		return BrokerErrors.replyCode(getCause()) == BrokerErrors.NOT_FOUND;
	}

}
