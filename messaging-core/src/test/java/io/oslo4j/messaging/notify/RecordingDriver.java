package io.oslo4j.messaging.notify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.TransportDriver;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** A driver that records notification publishes and answers each attempt as a script says. */
final class RecordingDriver implements TransportDriver {

	record Publish(String topic, String priority, byte[] body) {
	}

	final List<Publish> attempts = new CopyOnWriteArrayList<>();

	private final Function<Integer, Mono<Void>> outcome;

	/** @param outcome the outcome of the n-th attempt (from 1) */
	RecordingDriver(Function<Integer, Mono<Void>> outcome) {
		this.outcome = outcome;
	}

	static RecordingDriver succeeding() {
		return new RecordingDriver((attempt) -> Mono.empty());
	}

	@Override
	public String controlExchange() {
		return "openstack";
	}

	@Override
	public Mono<Void> sendNotification(String topic, String priority, OutgoingMessage message) {
		return Mono.defer(() -> {
			this.attempts.add(new Publish(topic, priority, message.body()));
			return this.outcome.apply(this.attempts.size());
		});
	}

	@Override
	public Mono<Void> sendRequest(Target target, OutgoingMessage message) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<Void> sendReply(String replyQueue, OutgoingMessage message) {
		throw new UnsupportedOperationException();
	}

	@Override
	public String startReplyConsumer(DeliveryHandler handler) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Listener listen(Target target, DeliveryHandler handler) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Listener listenForNotifications(List<NotificationBinding> bindings, @Nullable String pool,
			DeliveryHandler handler) {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean isConnected() {
		return true;
	}

	@Override
	public void close() {
	}

}
