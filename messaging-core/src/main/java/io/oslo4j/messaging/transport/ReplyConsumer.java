package io.oslo4j.messaging.transport;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A driver's one reply consumer, as {@link TransportDriver#startReplyConsumer(DeliveryHandler)}
 * promises it: started by the first call, which names its queue, with every reply acknowledged
 * before its handler has it (or left to the driver's own acknowledgement, which may batch them);
 * later calls return the same name and ignore their handler. For driver implementations.
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
	public String start(DeliveryHandler handler, Supplier<String> newQueue,
			BiConsumer<String, DeliveryHandler> consume) {
		return start(handler, newQueue, consume, Delivery::ack);
	}

	/**
	 * Starts the reply consumer on the first call, with the acknowledgement of replies left to
	 * {@code acknowledge}, which takes each reply before its handler does and must see that it is
	 * acknowledged in the end.
	 * @since 0.3
	 */
	public synchronized String start(DeliveryHandler handler, Supplier<String> newQueue,
			BiConsumer<String, DeliveryHandler> consume, Consumer<Delivery> acknowledge) {
		String name = this.queue;
		if (name == null) {
			name = newQueue.get();
			consume.accept(name, (delivery) -> {
				acknowledge.accept(delivery);
				handler.onDelivery(delivery);
			});
			this.queue = name;
		}
		return name;
	}

}
