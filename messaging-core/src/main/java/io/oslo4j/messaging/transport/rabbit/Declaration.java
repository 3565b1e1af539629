package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.rabbitmq.client.Channel;

/**
 * One exchange, queue or binding to declare, with exactly the flags and arguments oslo uses.
 * Exchanges are never internal and carry no arguments; queues are never exclusive.
 */
sealed interface Declaration {

	/** Declares it on a channel; a mismatch with what exists closes the channel (406). */
	void declareOn(Channel channel) throws IOException;

	/** An exchange of type {@code topic} or {@code fanout}. */
	record Exchange(String name, String type, boolean durable, boolean autoDelete) implements Declaration {

		@Override
		public void declareOn(Channel channel) throws IOException {
			channel.exchangeDeclare(this.name, this.type, this.durable, this.autoDelete, false, null);
		}

	}

	/** A queue; the arguments keep oslo's types ({@code x-expires} is an integer). */
	record Queue(String name, boolean durable, boolean autoDelete, Map<String, Object> arguments)
			implements Declaration {

		public Queue {
			arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
		}

		@Override
		public void declareOn(Channel channel) throws IOException {
			channel.queueDeclare(this.name, this.durable, false, this.autoDelete, this.arguments);
		}

	}

	/** A binding of a queue to an exchange. */
	record Binding(String queue, String exchange, String routingKey) implements Declaration {

		@Override
		public void declareOn(Channel channel) throws IOException {
			channel.queueBind(this.queue, this.exchange, this.routingKey);
		}

	}

}
