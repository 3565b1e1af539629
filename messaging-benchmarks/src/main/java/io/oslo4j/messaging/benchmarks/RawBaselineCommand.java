package io.oslo4j.messaging.benchmarks;

import java.net.URI;
import java.util.function.Supplier;

import com.rabbitmq.client.AMQP;
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
 * {@code raw-baseline}: request/reply with nothing but {@code amqp-client}, the ceiling of the
 * broker and the client library on this machine. The server consumes the request queue (manual
 * acknowledgement, prefetch 256), acknowledges, and publishes the body back to {@code reply_to}
 * with the request's correlation id; the client publishes to the queue with
 * {@code reply_to = amq.rabbitmq.reply-to} (direct reply-to, consumed with auto-ack) and
 * completes the request's future from the reply consumer. No envelope, no JSON: only what a
 * request/reply needs; without {@code --confirms}, no publisher confirms either (with it, the
 * broker confirms every publish, as oslo4j's; nobody waits for them).
 */
@Command(name = "raw-baseline", mixinStandardHelpOptions = true,
		description = { "Request/reply echo with the bare amqp-client (direct reply-to, pipelined by --concurrency): "
				+ "the broker's ceiling. Server and client in this JVM, each on its own connection. One JSON line." })
final class RawBaselineCommand extends BaselineCommand {

	private static final String DIRECT_REPLY_TO = "amq.rabbitmq.reply-to";

	@Option(names = "--confirms",
			description = "Publisher confirms on both channels (requests and replies), as oslo4j publishes: "
					+ "the ceiling with the same broker work per publish.")
	boolean confirms;

	private @Nullable Connection serverConnection;

	private @Nullable Connection clientConnection;

	@Override
	String name() {
		return this.confirms ? "raw-amqp-client-confirms" : "raw-amqp-client";
	}

	@Override
	Supplier<Mono<?>> start(String queue, byte[] body) throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(URI.create(this.uri));
		Connection server = factory.newConnection("oslo4j-raw-baseline-server");
		this.serverConnection = server;
		Channel serverChannel = server.createChannel();
		serverChannel.queueDeclare(queue, false, true, true, null);
		if (this.confirms) {
			serverChannel.confirmSelect();
		}
		serverChannel.basicQos(256);
		serverChannel.basicConsume(queue, false, new DefaultConsumer(serverChannel) {
			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] request) throws java.io.IOException {
				serverChannel.basicAck(envelope.getDeliveryTag(), false);
				AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
					.correlationId(properties.getCorrelationId())
					.build();
				serverChannel.basicPublish("", properties.getReplyTo(), reply, request);
			}
		});

		Connection client = factory.newConnection("oslo4j-raw-baseline-client");
		this.clientConnection = client;
		Channel clientChannel = client.createChannel();
		if (this.confirms) {
			clientChannel.confirmSelect();
		}
		CorrelatedReplies replies = new CorrelatedReplies();
		clientChannel.basicConsume(DIRECT_REPLY_TO, true, new DefaultConsumer(clientChannel) {
			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] reply) {
				replies.complete(properties.getCorrelationId(), reply);
			}
		});
		return replies.sender((id) -> clientChannel.basicPublish("", queue,
				new AMQP.BasicProperties.Builder().correlationId(id).replyTo(DIRECT_REPLY_TO).build(), body));
	}

	@Override
	void stop() throws Exception {
		if (this.clientConnection != null) {
			this.clientConnection.close();
		}
		if (this.serverConnection != null) {
			this.serverConnection.close();
		}
	}

}
