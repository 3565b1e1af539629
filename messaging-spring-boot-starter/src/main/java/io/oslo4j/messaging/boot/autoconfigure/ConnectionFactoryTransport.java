package io.oslo4j.messaging.boot.autoconfigure;

import java.util.Map;

import io.oslo4j.messaging.transport.Transport;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Opens the transport on the application's Spring AMQP {@link ConnectionFactory}, used when
 * {@code messaging.transport-url} is not set.
 *
 * <p>This is the one place where the starter meets the {@code rabbit://} driver: once it is part of
 * the build, {@link #open} returns
 * {@code Transport.of(RabbitDriver.create(connectionFactory, RabbitOptions.fromQuery(SOURCE, options)))},
 * a driver that uses the factory without owning it. Until then start-up fails with a message that
 * says what to set instead.
 */
final class ConnectionFactoryTransport {

	/** How the options are named in error messages. */
	static final String SOURCE = "messaging.* properties";

	private ConnectionFactoryTransport() {
	}

	/**
	 * A transport whose driver publishes and consumes through the factory.
	 * @param connectionFactory the application's factory; the transport leaves it open on close
	 * @param options oslo's rabbit options under their oslo names, from {@link TransportOptions#all()}
	 */
	static Transport open(ConnectionFactory connectionFactory, Map<String, String> options) {
		throw new IllegalStateException("messaging.transport-url is not set, and this build of oslo4j has no rabbit "
				+ "driver that could use the application's ConnectionFactory (" + connectionFactory.getClass().getName()
				+ "); set messaging.transport-url, for example to rabbit://user:pass@host:5672/ or fake://");
	}

}
