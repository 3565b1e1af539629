package io.oslo4j.messaging.transport.rabbit;

import com.rabbitmq.client.Channel;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@link RabbitListener} is in its life, and on which channel: the listener's one state,
 * replaced whole under its lock and read without it.
 *
 * @param phase what the listener does
 * @param channel the channel being consumed, the lost one while recovering, the kept one once
 * stopped; null before the listener starts and once it closed
 */
record ListenerState(Phase phase, @Nullable Channel channel) {

	static final ListenerState NEW = new ListenerState(Phase.NEW, null);

	static final ListenerState CLOSED = new ListenerState(Phase.CLOSED, null);

	/** The same channel in another phase. */
	ListenerState to(Phase next) {
		return new ListenerState(next, this.channel);
	}

	/** Whether the channel is the one consumed, or about to be: its deliveries may be handed over. */
	boolean live() {
		return this.phase == Phase.SUBSCRIBING || this.phase == Phase.CONSUMING;
	}

	/** Whether a lost channel is the one this state consumes. */
	boolean consumes(Channel lost) {
		return live() && this.channel == lost;
	}

	/** The phases, in the order a listener goes through them (recovery loops back to subscribing). */
	enum Phase {

		/** Built, not started. */
		NEW,

		/** Topology declared on the channel; its consumers are being registered. */
		SUBSCRIBING,

		/** Consuming every queue on the channel. */
		CONSUMING,

		/** The channel was lost; the listener's thread waits out the back-off, then subscribes again. */
		RECOVERING,

		/** Consumers cancelled; the channel is kept so that deliveries handed over can be settled. */
		STOPPED,

		/** The channel closed and the listener's own queues deleted. */
		CLOSED

	}

}
