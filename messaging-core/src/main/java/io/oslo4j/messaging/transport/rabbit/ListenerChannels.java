package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.ChannelLost;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link RabbitListener} does on the broker: opens a channel that declares its topology,
 * consumes its queues there (consumer tags from {@link ListenerTopology#firstConsumerTag()} up), cancels the consumers, deletes the
 * listener's own queues. {@code basic.qos} is sent only when a prefetch count is set: by default,
 * as in oslo, the broker pushes without limit.
 */
final class ListenerChannels {

	private static final Logger logger = LoggerFactory.getLogger(ListenerChannels.class);

	private final String name;

	private final RabbitConnections connections;

	private final ListenerTopology topology;

	private final int prefetchCount;

	private final StreamOffset streamOffset;

	/**
	 * @param name names the listener in log lines and errors
	 * @param prefetchCount {@code basic.qos} prefetch count, 0 for none
	 * @param streamOffset where the fanout stream is consumed from
	 */
	ListenerChannels(String name, RabbitConnections connections, ListenerTopology topology, int prefetchCount,
			StreamOffset streamOffset) {
		this.name = name;
		this.connections = connections;
		this.topology = topology;
		this.prefetchCount = prefetchCount;
		this.streamOffset = streamOffset;
	}

	/**
	 * Opens a channel and declares the topology on it (the same queue names and arguments every time).
	 * @param signals told when the channel closes
	 * @throws MessagingException if the broker cannot be reached or refuses a declaration
	 */
	Channel open(Consumer<ListenerSignal> signals) {
		long started = System.nanoTime();
		Channel opened = this.connections.openListeningChannel();
		started = stepDone("channel opened", started);
		try {
			opened.addShutdownListener((cause) -> signals.accept(new ChannelLost(opened, BrokerErrors.describe(cause))));
			for (Declaration declaration : this.topology.declarations()) {
				try {
					declaration.declareOn(opened);
				}
				catch (IOException ex) {
					throw new MessagingException(BrokerErrors.declarationFailed(declaration, ex), ex);
				}
				started = stepDone(declaration, started);
			}
			if (this.prefetchCount > 0) {
				opened.basicQos(this.prefetchCount);
				stepDone("basic.qos", started);
			}
			return opened;
		}
		catch (IOException | RuntimeException ex) {
			throw failed(opened, ex);
		}
	}

	/**
	 * Consumes every queue on the channel, with manual acknowledgement.
	 * @param deliveries receives the deliveries, on amqp-client's dispatch thread for the channel
	 * @param signals receives the broker's cancels
	 * @throws MessagingException if the broker refuses a consumer; the channel is closed then
	 */
	void consume(Channel channel, QueueConsumer.Deliveries deliveries, Consumer<ListenerSignal> signals) {
		try {
			int tag = this.topology.firstConsumerTag() - 1;
			long started = System.nanoTime();
			for (String queue : this.topology.queues()) {
				boolean stream = queue.equals(this.topology.streamQueue());
				Map<String, Object> arguments = stream
						? RabbitTopology.streamConsumerArguments(this.streamOffset.argument())
						: this.topology.consumerArguments();
				channel.basicConsume(queue, false, Integer.toString(++tag), false, false, arguments,
						new QueueConsumer(channel, queue, stream, deliveries, signals));
				started = stepDone("basic.consume of " + queue, started);
			}
		}
		catch (IOException | RuntimeException ex) {
			throw failed(channel, ex);
		}
	}

	/** Cancels the consumers, keeping the channel for the deliveries to settle. */
	void cancel(Channel channel) {
		int first = this.topology.firstConsumerTag();
		for (int tag = first; tag < first + this.topology.queues().size(); tag++) {
			try {
				channel.basicCancel(Integer.toString(tag));
			}
			catch (IOException | ShutdownSignalException ex) {
				logger.debug("Listener {}: cancel of consumer {} failed: {}", this.name, tag, ex.getMessage());
			}
		}
	}

	/** Deletes the queues of this listener alone, on the channel or, when it is closed, on a new one. */
	void deleteOwnedQueues(Channel channel) {
		if (this.topology.ownedQueues().isEmpty()) {
			return;
		}
		Channel deleting = channel;
		try {
			if (!deleting.isOpen()) {
				deleting = this.connections.openListeningChannel();
			}
			for (String queue : this.topology.ownedQueues()) {
				deleting.queueDelete(queue);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.info("Listener {} could not delete its queues {} ({}); they expire by themselves", this.name,
					this.topology.ownedQueues(), BrokerErrors.describe(ex));
		}
		finally {
			if (deleting != channel) {
				abort(deleting);
			}
		}
	}

	/**
	 * Logs at DEBUG how long a step of opening or consuming took: the broker may hold one (a quorum
	 * queue whose leader is on a node gone silent), and this names which.
	 * @return now, the start of the next step
	 */
	private long stepDone(Object step, long started) {
		long now = System.nanoTime();
		if (logger.isDebugEnabled()) {
			logger.debug("Listener {}: {} in {} ms", this.name, step, (now - started) / 1_000_000);
		}
		return now;
	}

	/** Closes a channel, which gives back whatever it has not settled. */
	static void abort(Channel channel) {
		try {
			channel.abort();
		}
		catch (IOException ex) {
			// aborting ignores errors already
		}
	}

	private MessagingException failed(Channel channel, Exception ex) {
		abort(channel);
		if (ex instanceof MessagingException messaging) {
			return messaging;
		}
		return new MessagingException("listener " + this.name + " cannot consume " + this.topology.queues() + ": "
				+ BrokerErrors.describe(ex), ex);
	}

}
