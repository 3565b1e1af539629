package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.oslo4j.messaging.MessageDeliveryFailureException;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

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

	private final String description;

	private final BrokerProbe probe;

	private volatile @Nullable Connection listeningConnection;

	private volatile @Nullable Connection publishingConnection;

	private volatile @Nullable String blockedReason;

	/**
	 * @param factory the factory; its publisher factory, if it has one, publishes
	 * @param owned whether closing the driver destroys the factory
	 * @param description where the factory connects, for messages; never with a password
	 */
	RabbitConnections(ConnectionFactory factory, boolean owned, String description) {
		this(factory, owned, description, BrokerProbe.of(factory.getHost(), factory.getPort()));
	}

	/**
	 * @param factory the factory; its publisher factory, if it has one, publishes
	 * @param owned whether closing the driver destroys the factory
	 * @param description where the factory connects, for messages; never with a password
	 * @param probe tells when the factory's broker accepts connections again
	 */
	RabbitConnections(ConnectionFactory factory, boolean owned, String description, BrokerProbe probe) {
		this.probe = probe;
		this.listening = factory;
		ConnectionFactory publisher = factory.getPublisherConnectionFactory();
		this.publishing = (publisher != null) ? publisher : factory;
		this.owned = owned;
		this.description = description;
		this.publishing.addConnectionListener(new BlockedWatch());
	}

	/** Describes an application's factory as its host, port and virtual host. */
	static String describe(ConnectionFactory factory) {
		return factory.getHost() + ":" + factory.getPort() + " (virtual host " + factory.getVirtualHost() + ")";
	}

	/** What tells when the broker accepts connections again. */
	BrokerProbe probe() {
		return this.probe;
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

	/** Why the broker blocks the publishing connection (a resource alarm), or null while it does not. */
	@Nullable String blockedReason() {
		return this.blockedReason;
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
			throw new MessageDeliveryFailureException("cannot connect to RabbitMQ at " + this.description + ": "
					+ BrokerErrors.describe(ex), ex);
		}
	}

	private Channel open(Connection connection) {
		try {
			Channel channel = connection.getDelegate().createChannel();
			if (channel == null) {
				throw new MessageDeliveryFailureException("RabbitMQ at " + this.description + " has no channel left",
						null);
			}
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof MessageDeliveryFailureException failure) {
				throw failure;
			}
			throw new MessageDeliveryFailureException("cannot open a channel to RabbitMQ at " + this.description + ": "
					+ BrokerErrors.describe(ex), ex);
		}
	}

	/**
	 * Follows RabbitMQ's {@code connection.blocked} and {@code connection.unblocked} on each publishing
	 * connection the factory makes; a new connection starts unblocked.
	 */
	private final class BlockedWatch implements ConnectionListener {

		@Override
		public void onCreate(Connection connection) {
			RabbitConnections.this.blockedReason = null;
			connection.getDelegate().addBlockedListener(new BlockedListener() {

				@Override
				public void handleBlocked(String reason) {
					RabbitConnections.this.blockedReason = reason;
				}

				@Override
				public void handleUnblocked() {
					RabbitConnections.this.blockedReason = null;
				}

			});
		}

		@Override
		public void onShutDown(ShutdownSignalException signal) {
			RabbitConnections.this.blockedReason = null;
		}

	}

}
