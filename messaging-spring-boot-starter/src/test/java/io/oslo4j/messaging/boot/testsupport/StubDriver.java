package io.oslo4j.messaging.boot.testsupport;

import java.util.List;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.TransportDriver;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** A driver that sends nothing and reports the connection and consumption it is told to. */
public final class StubDriver implements TransportDriver {

	private volatile boolean connected;

	private volatile boolean consuming;

	private volatile @Nullable String blockedReason;

	public StubDriver(boolean connected, boolean consuming) {
		this.connected = connected;
		this.consuming = consuming;
	}

	public void setConnected(boolean connected) {
		this.connected = connected;
	}

	public void setConsuming(boolean consuming) {
		this.consuming = consuming;
	}

	/** Blocks the connection as a broker alarm does, or unblocks it with null. */
	public void setBlockedReason(@Nullable String reason) {
		this.blockedReason = reason;
	}

	@Override
	public @Nullable String blockedReason() {
		return this.blockedReason;
	}

	@Override
	public String controlExchange() {
		return "openstack";
	}

	@Override
	public Mono<Void> sendRequest(Target target, OutgoingMessage message) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> sendReply(String replyQueue, OutgoingMessage message) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> sendNotification(String topic, String priority, OutgoingMessage message) {
		return Mono.empty();
	}

	@Override
	public String startReplyConsumer(DeliveryHandler handler) {
		return "reply_stub";
	}

	@Override
	public Listener listen(Target target, DeliveryHandler handler) {
		return listener();
	}

	@Override
	public Listener listenForNotifications(List<NotificationBinding> bindings, @Nullable String pool,
			DeliveryHandler handler) {
		return listener();
	}

	private Listener listener() {
		return new Listener() {

			@Override
			public void stop() {
			}

			@Override
			public void close() {
			}

			@Override
			public boolean isConsuming() {
				return StubDriver.this.consuming;
			}

		};
	}

	@Override
	public boolean isConnected() {
		return this.connected;
	}

	@Override
	public void close() {
	}

}
