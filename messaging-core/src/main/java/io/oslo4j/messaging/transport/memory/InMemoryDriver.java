package io.oslo4j.messaging.transport.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.oslo4j.messaging.InvalidTransportUrlException;
import io.oslo4j.messaging.MessageUndeliverableException;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.QueueNames;
import io.oslo4j.messaging.transport.ReplyConsumer;
import io.oslo4j.messaging.transport.ReplyRetry;
import io.oslo4j.messaging.transport.RequestRoute;
import io.oslo4j.messaging.transport.TransportDriver;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The {@code fake://} driver: oslo's RabbitMQ topology on an {@link InMemoryBroker}. The URL's
 * virtual host selects the broker ({@code fake://} and {@code fake:///tests-1} are separate
 * worlds); query options: {@code control_exchange} (default {@code openstack}) and
 * {@code kombu_missing_consumer_retry_timeout} in seconds (default 60).
 */
final class InMemoryDriver implements TransportDriver {

	private final InMemoryBroker broker;

	private final String controlExchange;

	private final ReplyRetry replyRetry;

	private final List<MemoryConsumer> listeners = new CopyOnWriteArrayList<>();

	private final ReplyConsumer replyConsumer = new ReplyConsumer();

	private volatile boolean closed;

	InMemoryDriver(TransportUrl url) {
		Map<String, String> query = url.query();
		for (String key : query.keySet()) {
			if (!key.equals("control_exchange") && !key.equals("kombu_missing_consumer_retry_timeout")) {
				throw new InvalidTransportUrlException(url.toString(), "unknown option '" + key
						+ "' (fake:// knows control_exchange and kombu_missing_consumer_retry_timeout)");
			}
		}
		this.broker = InMemoryBroker.forVirtualHost(url.virtualHost());
		this.controlExchange = query.getOrDefault("control_exchange", "openstack");
		try {
			String retryTimeout = query.getOrDefault("kombu_missing_consumer_retry_timeout", "60");
			this.replyRetry = new ReplyRetry(Duration.ofMillis((long) (Double.parseDouble(retryTimeout) * 1000)));
		}
		catch (NumberFormatException ex) {
			throw new InvalidTransportUrlException(url.toString(), "kombu_missing_consumer_retry_timeout must be a number");
		}
	}

	@Override
	public String controlExchange() {
		return this.controlExchange;
	}

	@Override
	public Mono<Void> sendRequest(Target target, OutgoingMessage message) {
		return Mono.fromRunnable(() -> {
			RequestRoute route = RequestRoute.of(target, this.controlExchange);
			this.broker.declareExchange(route.exchange(), route.fanout());
			int routed = this.broker.publish(route.exchange(), route.routingKey(), stored(message));
			if (routed == 0 && message.mandatory() && !route.fanout()) {
				throw new MessageUndeliverableException(route.exchange(), route.routingKey());
			}
		});
	}

	@Override
	public Mono<Void> sendReply(String replyQueue, OutgoingMessage message) {
		return this.replyRetry.retrying(Mono.<Void>fromRunnable(() -> {
			if (this.broker.publish("", replyQueue, stored(message)) == 0) {
				throw new MessageUndeliverableException("", replyQueue);
			}
		}), replyQueue);
	}

	@Override
	public Mono<Void> sendNotification(String topic, String priority, OutgoingMessage message) {
		return Mono.fromRunnable(() -> {
			String routingKey = topic + "." + priority;
			this.broker.declareExchange(this.controlExchange, false);
			this.broker.declareQueue(routingKey);
			this.broker.bind(routingKey, this.controlExchange, routingKey);
			this.broker.publish(this.controlExchange, routingKey, stored(message));
		});
	}

	@Override
	public String startReplyConsumer(DeliveryHandler handler) {
		return this.replyConsumer.start(handler, QueueNames::newReplyQueue,
				(name, acknowledging) -> start(name, List.of(this.broker.declareQueue(name)), List.of(name), acknowledging));
	}

	@Override
	public Listener listen(Target target, DeliveryHandler handler) {
		String server = target.requireServer();
		String topic = target.requireTopic("an RPC server");
		String exchange = exchangeOf(target.exchange());
		this.broker.declareExchange(exchange, false);
		String serverQueue = QueueNames.server(topic, server);
		String fanoutExchange = QueueNames.fanoutExchange(topic);
		String fanoutQueue = QueueNames.newFanoutQueue(topic);
		this.broker.declareExchange(fanoutExchange, true);
		List<MemoryQueue> queues = List.of(declareBound(topic, exchange, topic),
				declareBound(serverQueue, exchange, serverQueue), declareBound(fanoutQueue, fanoutExchange, topic));
		return start(serverQueue, queues, List.of(fanoutQueue), handler);
	}

	@Override
	public Listener listenForNotifications(List<NotificationBinding> bindings, @Nullable String pool,
			DeliveryHandler handler) {
		Set<String> queueNames = new LinkedHashSet<>();
		for (NotificationBinding binding : bindings) {
			String exchange = exchangeOf(binding.exchange());
			this.broker.declareExchange(exchange, false);
			String queue = (pool != null) ? pool : binding.routingKey();
			declareBound(queue, exchange, binding.routingKey());
			queueNames.add(queue);
		}
		List<MemoryQueue> queues = new ArrayList<>();
		queueNames.forEach((name) -> queues.add(this.broker.declareQueue(name)));
		return start((pool != null) ? pool : "notifications", queues, List.of(), handler);
	}

	@Override
	public boolean isConnected() {
		return !this.closed;
	}

	@Override
	public void close() {
		this.closed = true;
		this.replyRetry.dispose();
		this.listeners.forEach(MemoryConsumer::close);
		this.listeners.clear();
	}

	private MemoryQueue declareBound(String queue, String exchange, String routingKey) {
		MemoryQueue declared = this.broker.declareQueue(queue);
		this.broker.bind(queue, exchange, routingKey);
		return declared;
	}

	private MemoryConsumer start(String name, List<MemoryQueue> queues, List<String> owned, DeliveryHandler handler) {
		MemoryConsumer consumer = new MemoryConsumer(this.broker, name, queues, owned, handler);
		this.listeners.add(consumer);
		consumer.start();
		return consumer;
	}

	private String exchangeOf(@Nullable String exchange) {
		return (exchange != null) ? exchange : this.controlExchange;
	}

	private static StoredMessage stored(OutgoingMessage message) {
		Long expiresAt = (message.expiration() != null) ? System.nanoTime() + message.expiration().toNanos() : null;
		return new StoredMessage(message.body(), Map.of(), expiresAt, false);
	}

}
