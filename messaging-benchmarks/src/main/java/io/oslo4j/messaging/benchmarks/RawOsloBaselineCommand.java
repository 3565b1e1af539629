package io.oslo4j.messaging.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import java.util.function.Supplier;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Mono;

/**
 * {@code raw-oslo-baseline}: request/reply with the bare {@code amqp-client} on exactly the
 * topology and flags of oslo's RabbitMQ driver, so that it tells what the oslo wire protocol
 * itself costs the broker, without oslo4j's JSON, envelope or threading:
 * <ul>
 * <li>requests go to a topic exchange ({@code --exchange}, oslo's control exchange) with the
 * topic as routing key, into a server queue bound to it, consumed with manual acknowledgement
 * and no prefetch limit (oslo's default), acknowledged before the reply is sent;</li>
 * <li>the client has one named reply queue, {@code reply_<hex>}, bound to a direct exchange of
 * the same name as oslo declares it, consumed with manual acknowledgement;</li>
 * <li>replies go to the default exchange with the reply queue as routing key and the mandatory
 * flag ({@code direct_mandatory_flag});</li>
 * <li>every channel that publishes is in publisher-confirm mode, as oslo4j's are.</li>
 * </ul>
 * The request's correlation id stands for the message id oslo carries in its JSON body.
 */
@Command(name = "raw-oslo-baseline", mixinStandardHelpOptions = true,
		description = { "Request/reply echo with the bare amqp-client on oslo's topology and flags (topic exchange, "
				+ "acknowledged server queue, named reply queue, mandatory replies, publisher confirms): the "
				+ "protocol's own ceiling. Server and client in this JVM, each on its own connection. One JSON line." })
final class RawOsloBaselineCommand extends BaselineCommand {

	@Option(names = "--exchange", paramLabel = "NAME", defaultValue = "openstack",
			description = "The topic exchange of the requests (oslo's control_exchange). Default: ${DEFAULT-VALUE}")
	String exchange;

	private @Nullable Connection serverConnection;

	private @Nullable Connection clientConnection;

	private @Nullable String replyQueue;

	@Override
	String name() {
		return "raw-oslo-protocol";
	}

	@Override
	Supplier<Mono<?>> start(String topic, byte[] body) throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(URI.create(this.uri));
		this.serverConnection = factory.newConnection("oslo4j-raw-oslo-baseline-server");
		startServer(this.serverConnection.createChannel(), topic);
		this.clientConnection = factory.newConnection("oslo4j-raw-oslo-baseline-client");
		return client(this.clientConnection.createChannel(), topic, body);
	}

	private void startServer(Channel channel, String topic) throws IOException {
		channel.exchangeDeclare(this.exchange, BuiltinExchangeType.TOPIC, false, false, null);
		channel.queueDeclare(topic, false, false, true, null);
		channel.queueBind(topic, this.exchange, topic);
		channel.confirmSelect();
		channel.basicConsume(topic, false, new DefaultConsumer(channel) {
			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] request) throws IOException {
				channel.basicAck(envelope.getDeliveryTag(), false);
				AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder().correlationId(properties.getCorrelationId())
					.contentType("application/json")
					.contentEncoding("utf-8")
					.build();
				channel.basicPublish("", properties.getReplyTo(), true, reply, request);
			}
		});
	}

	private Supplier<Mono<?>> client(Channel channel, String topic, byte[] body) throws IOException {
		String replyQueue = "reply_" + UUID.randomUUID().toString().replace("-", "");
		this.replyQueue = replyQueue;
		channel.exchangeDeclare(replyQueue, BuiltinExchangeType.DIRECT, false, false, null);
		channel.queueDeclare(replyQueue, false, false, false, null);
		channel.queueBind(replyQueue, replyQueue, replyQueue);
		channel.confirmSelect();
		CorrelatedReplies replies = new CorrelatedReplies();
		channel.basicConsume(replyQueue, false, new DefaultConsumer(channel) {
			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] reply) throws IOException {
				channel.basicAck(envelope.getDeliveryTag(), false);
				replies.complete(properties.getCorrelationId(), reply);
			}
		});
		return replies.sender((id) -> channel.basicPublish(this.exchange, topic,
				new AMQP.BasicProperties.Builder().correlationId(id)
					.replyTo(replyQueue)
					.contentType("application/json")
					.contentEncoding("utf-8")
					.build(),
				body));
	}

	@Override
	void stop() throws Exception {
		if (this.clientConnection != null) {
			if (this.replyQueue != null) {
				// oslo's reply queue and exchange outlive their client; this run's should not
				Channel channel = this.clientConnection.createChannel();
				channel.queueDelete(this.replyQueue);
				channel.exchangeDelete(this.replyQueue);
			}
			this.clientConnection.close();
		}
		if (this.serverConnection != null) {
			this.serverConnection.close();
		}
	}

}
