package io.oslo4j.messaging.boot.diagnostics;

import io.oslo4j.messaging.MessageDeliveryFailureException;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed because no RabbitMQ broker answered, and names the ways out:
 * start the broker, point the application at one, or use the in-memory transport.
 *
 * @since 0.1
 */
class BrokerUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<AmqpConnectException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AmqpConnectException cause) {
		MessageDeliveryFailureException transportFailure = findCause(rootFailure, MessageDeliveryFailureException.class);
		String where = (transportFailure != null) ? transportFailure.getMessage() : cause.getMessage();
		return new FailureAnalysis("oslo4j messaging could not reach a RabbitMQ broker: " + where,
				"Start RabbitMQ (for example: rabbitmq-server -detached), or point messaging.transport-url (or, "
						+ "when it is not set, spring.rabbitmq.*) at a running broker, or run without a broker on the "
						+ "in-memory transport: messaging.transport-url=fake://.",
				cause);
	}

}
