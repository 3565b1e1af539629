package io.oslo4j.messaging.testsupport;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.TransportDriver;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A driver that records, around a real driver, which thread published each reply, which thread
 * received each request and which thread received each reply.
 */
public final class RecordingDriver implements TransportDriver {

	private final TransportDriver delegate;

	private final Queue<String> replyThreads = new ConcurrentLinkedQueue<>();

	private final Queue<String> requestDeliveryThreads = new ConcurrentLinkedQueue<>();

	private final Queue<String> replyDeliveryThreads = new ConcurrentLinkedQueue<>();

	public RecordingDriver(TransportDriver delegate) {
		this.delegate = delegate;
	}

	/** The names of the threads that published replies, in order. */
	public Queue<String> replyThreads() {
		return this.replyThreads;
	}

	/** The names of the threads that were handed each delivery of a server's listener, in order. */
	public Queue<String> requestDeliveryThreads() {
		return this.requestDeliveryThreads;
	}

	/** The names of the threads that were handed each reply for the clients, in order. */
	public Queue<String> replyDeliveryThreads() {
		return this.replyDeliveryThreads;
	}

	@Override
	public String controlExchange() {
		return this.delegate.controlExchange();
	}

	@Override
	public Mono<Void> sendRequest(Target target, OutgoingMessage message) {
		return this.delegate.sendRequest(target, message);
	}

	@Override
	public Mono<Void> sendReply(String replyQueue, OutgoingMessage message) {
		return Mono.defer(() -> {
			this.replyThreads.add(Thread.currentThread().getName());
			return this.delegate.sendReply(replyQueue, message);
		});
	}

	@Override
	public Mono<Void> sendNotification(String topic, String priority, OutgoingMessage message) {
		return this.delegate.sendNotification(topic, priority, message);
	}

	@Override
	public String startReplyConsumer(DeliveryHandler handler) {
		return this.delegate.startReplyConsumer((delivery) -> {
			this.replyDeliveryThreads.add(Thread.currentThread().getName());
			handler.onDelivery(delivery);
		});
	}

	@Override
	public Listener listen(Target target, DeliveryHandler handler) {
		return this.delegate.listen(target, (delivery) -> {
			this.requestDeliveryThreads.add(Thread.currentThread().getName());
			handler.onDelivery(delivery);
		});
	}

	@Override
	public Listener listenForNotifications(List<NotificationBinding> bindings, @Nullable String pool,
			DeliveryHandler handler) {
		return this.delegate.listenForNotifications(bindings, pool, handler);
	}

	@Override
	public boolean isConnected() {
		return this.delegate.isConnected();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
