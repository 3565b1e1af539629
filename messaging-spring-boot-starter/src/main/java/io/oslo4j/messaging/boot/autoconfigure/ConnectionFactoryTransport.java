package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.transport.rabbit.RabbitDriver;
import io.oslo4j.messaging.transport.rabbit.RabbitOptions;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Opens the transport on the application's Spring AMQP {@link ConnectionFactory} (configured by
 * {@code spring.rabbitmq.*}), used when {@code messaging.transport-url} is not set. The driver
 * uses the factory without owning it.
 */
final class ConnectionFactoryTransport {

	/** How the options are named in error messages. */
	static final String SOURCE = "messaging.* properties";

	private ConnectionFactoryTransport() {
	}

	/**
	 * A transport whose driver publishes and consumes through the factory.
	 * @param connectionFactory the application's factory; the transport leaves it open on close
	 * @param options oslo's rabbit options under their oslo names, and the wire limits
	 */
	static Transport open(ConnectionFactory connectionFactory, TransportOptions options) {
		return Transport.of(RabbitDriver.create(connectionFactory, RabbitOptions.fromQuery(SOURCE, options.all())),
				options.wireLimits());
	}

}
