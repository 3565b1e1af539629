package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;

import com.rabbitmq.client.Channel;
import io.oslo4j.messaging.MessageDeliveryFailureException;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The driver's connections, made by Spring AMQP connection factories: one for listening and one for
 * publishing, as oslo keeps them apart (a broker that blocks publishers under a resource alarm
 * must not also stall acknowledgements). The driver works on plain amqp-client channels opened on
 * them, so that Spring's channel cache never hands a stale delivery tag to a new channel; Spring
 * keeps the connections themselves, and reconnects when a channel is asked for after a loss.
 */
final class RabbitConnections implements AutoCloseable {

	private final ConnectionFactory listening;

	private final ConnectionFactory publishing;

	private final boolean owned;

	private volatile @Nullable Connection listeningConnection;

	private volatile @Nullable Connection publishingConnection;

	/**
	 * @param factory the application's factory; its publisher factory, if it has one, publishes
	 * @param owned whether closing the driver destroys the factory
	 */
	RabbitConnections(ConnectionFactory factory, boolean owned) {
		this.listening = factory;
		ConnectionFactory publisher = factory.getPublisherConnectionFactory();
		this.publishing = (publisher != null) ? publisher : factory;
		this.owned = owned;
	}

	/** A new channel on the listening connection, connecting first if needed. */
	Channel openListeningChannel() {
		Connection connection = connect(this.listening);
		this.listeningConnection = connection;
		return open(connection);
	}

	/** A new channel on the publishing connection, connecting first if needed. */
	Channel openPublishingChannel() {
		Connection connection = connect(this.publishing);
		this.publishingConnection = connection;
		return open(connection);
	}

	/** Whether the driver has connected, and every connection it made is open. */
	boolean isConnected() {
		Connection listen = this.listeningConnection;
		Connection publish = this.publishingConnection;
		return (listen != null || publish != null) && (listen == null || listen.isOpen())
				&& (publish == null || publish.isOpen());
	}

	/** Where the connections go, for messages. */
	String describe() {
		return this.listening.getHost() + ":" + this.listening.getPort() + " (vhost " + this.listening.getVirtualHost()
				+ ")";
	}

	@Override
	public void close() {
		this.listeningConnection = null;
		this.publishingConnection = null;
		if (this.owned && this.listening instanceof CachingConnectionFactory caching) {
			caching.destroy();
		}
	}

	private Connection connect(ConnectionFactory factory) {
		try {
			return factory.createConnection();
		}
		catch (AmqpException ex) {
			throw new MessageDeliveryFailureException("cannot connect to RabbitMQ at " + describe() + ": "
					+ BrokerErrors.describe(ex), ex);
		}
	}

	private Channel open(Connection connection) {
		try {
			Channel channel = connection.getDelegate().createChannel();
			if (channel == null) {
				throw new MessageDeliveryFailureException("RabbitMQ at " + describe() + " has no channel left", null);
			}
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof MessageDeliveryFailureException failure) {
				throw failure;
			}
			throw new MessageDeliveryFailureException("cannot open a channel to RabbitMQ at " + describe() + ": "
					+ BrokerErrors.describe(ex), ex);
		}
	}

}
