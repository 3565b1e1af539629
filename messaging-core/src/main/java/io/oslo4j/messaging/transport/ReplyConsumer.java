package io.oslo4j.messaging.transport;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A driver's one reply consumer, as {@link TransportDriver#startReplyConsumer(DeliveryHandler)}
 * promises it: started by the first call, which names its queue, with every reply acknowledged on
 * receipt; later calls return the same name and ignore their handler. For driver implementations.
 *
 * @since 0.1
 */
public final class ReplyConsumer {

	private @Nullable String queue;

	/**
	 * Starts the reply consumer on the first call.
	 * @param handler receives every reply, once acknowledged
	 * @param newQueue names the reply queue
	 * @param consume declares and consumes the named queue with the handler given
	 * @return the reply queue's name
	 */
	public synchronized String start(DeliveryHandler handler, Supplier<String> newQueue,
			BiConsumer<String, DeliveryHandler> consume) {
		String name = this.queue;
		if (name == null) {
			name = newQueue.get();
			consume.accept(name, (delivery) -> {
				delivery.ack();
				handler.onDelivery(delivery);
			});
			this.queue = name;
		}
		return name;
	}

}
