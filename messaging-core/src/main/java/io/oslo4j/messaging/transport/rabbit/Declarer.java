package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessageRefusedException;

import org.jspecify.annotations.Nullable;

/**
 * Declares what a publisher needs before its first publish (the exchange; for a notification also
 * its queue), once per connection, as oslo caches its declarations per channel. The cache is
 * forgotten when the connection closes, since a restarted broker has lost what was not durable,
 * and when a publish finds an exchange gone (an auto-deleted fanout exchange).
 *
 * <p>Declarations use a channel of their own on the publishing connection: a refused declaration
 * closes its channel, and must not take publishes in flight with it.
 */
final class Declarer implements AutoCloseable {

	private final RabbitConnections connections;

	private final Set<Declaration> declared = ConcurrentHashMap.newKeySet();

	private @Nullable Channel channel;

	private @Nullable Connection watchedConnection;

	Declarer(RabbitConnections connections) {
		this.connections = connections;
	}

	/** Whether all of these were declared on the current connection: publishing needs no declaration. */
	boolean isDeclared(List<Declaration> declarations) {
		return this.declared.containsAll(declarations);
	}

	/**
	 * Declares what has not been declared on this connection yet.
	 * @throws MessageRefusedException if the broker refuses a declaration (other flags, not allowed)
	 * @throws MessageDeliveryFailureException if the broker cannot be reached
	 */
	void declare(List<Declaration> declarations) {
		if (this.declared.containsAll(declarations)) {
			return;
		}
		synchronized (this) {
			for (Declaration declaration : declarations) {
				if (!this.declared.contains(declaration)) {
					try {
						declaration.declareOn(channel());
					}
					catch (IOException | RuntimeException ex) {
						if (ex instanceof MessageDeliveryFailureException failure) {
							throw failure;
						}
						if (BrokerErrors.refused(ex)) {
							throw new MessageRefusedException(BrokerErrors.declarationFailed(declaration, ex), ex);
						}
						throw new MessageDeliveryFailureException(BrokerErrors.declarationFailed(declaration, ex), ex);
					}
					this.declared.add(declaration);
				}
			}
		}
	}

	/** Forgets every declaration: the next publish of each kind declares again. */
	void forget() {
		this.declared.clear();
	}

	@Override
	public synchronized void close() {
		this.declared.clear();
		if (this.channel != null) {
			try {
				this.channel.abort();
			}
			catch (IOException ex) {
				// aborting ignores errors already
			}
			this.channel = null;
		}
	}

	private Channel channel() {
		Channel current = this.channel;
		if (current == null || !current.isOpen()) {
			current = this.connections.openPublishingChannel();
			Connection connection = current.getConnection();
			if (connection != this.watchedConnection) {
				this.declared.clear();
				connection.addShutdownListener((cause) -> this.declared.clear());
				this.watchedConnection = connection;
			}
			this.channel = current;
		}
		return current;
	}

}
