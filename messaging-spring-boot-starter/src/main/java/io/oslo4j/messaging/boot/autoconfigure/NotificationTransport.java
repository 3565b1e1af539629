package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.transport.Transport;

/**
 * The transport of notifications: its own when {@code messaging.notification.transport-url} is set
 * (oslo's {@code [oslo_messaging_notifications] transport_url}: notifications on another broker
 * than RPC), else the messaging transport. The {@code Notifier} and the notification listener use
 * it; RPC never does.
 *
 * @since 0.2
 */
public final class NotificationTransport implements AutoCloseable {

	private final Transport transport;

	private final boolean owned;

	private NotificationTransport(Transport transport, boolean owned) {
		this.transport = transport;
		this.owned = owned;
	}

	/** Notifications on the messaging transport, which this does not close. */
	public static NotificationTransport shared(Transport transport) {
		return new NotificationTransport(transport, false);
	}

	/** Notifications on a transport of their own, closed with this. */
	public static NotificationTransport own(Transport transport) {
		return new NotificationTransport(transport, true);
	}

	public Transport transport() {
		return this.transport;
	}

	/** Whether notifications have a transport of their own. */
	public boolean isSeparate() {
		return this.owned;
	}

	@Override
	public void close() {
		if (this.owned) {
			this.transport.close();
		}
	}

}
