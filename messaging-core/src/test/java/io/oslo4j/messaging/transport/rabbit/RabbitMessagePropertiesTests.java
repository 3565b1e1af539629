package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.OutgoingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The AMQP properties of what the driver publishes, read back with plain amqp-client: exactly those
 * kombu gives oslo's messages (reference 2.4 and the capture), since a Python consumer decodes by
 * the exact content type.
 */
@ExtendWith(RabbitTestSupport.class)
class RabbitMessagePropertiesTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final byte[] BODY = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"echo\\\"}\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final List<String> queues = new ArrayList<>();

	private String prefix;

	private RabbitDriver driver;

	private Connection connection;

	private Channel channel;

	@BeforeEach
	void connect() throws IOException {
		this.prefix = RabbitTestSupport.uniqueName("oslo4j_properties");
		this.driver = RabbitDriver.create(RabbitTestSupport.url(Map.of("control_exchange", this.prefix + "_control")));
		this.connection = RabbitTestSupport.openConnection();
		this.channel = this.connection.createChannel();
	}

	@AfterEach
	void close() throws IOException {
		this.driver.close();
		this.connection.close();
		RabbitTestSupport.delete(this.queues, List.of(this.prefix + "_control", this.prefix + "_fanout"));
	}

	@Test
	void aCallRequestCarriesOslosPropertiesAndItsTimeoutAsExpiration() throws IOException {
		String queue = bindQueue(this.prefix + "_control", this.prefix);

		this.driver.sendRequest(Target.topic(this.prefix), new OutgoingMessage(BODY, Duration.ofSeconds(30), false))
			.block(WAIT);

		GetResponse received = receive(queue);
		assertOsloProperties(received.getProps());
		assertThat(received.getProps().getExpiration()).isEqualTo("30000");
		assertThat(received.getBody()).isEqualTo(BODY);
		assertThat(received.getEnvelope().getExchange()).isEqualTo(this.prefix + "_control");
		assertThat(received.getEnvelope().getRoutingKey()).isEqualTo(this.prefix);
	}

	@Test
	void aCallWithATimeoutOfZeroExpiresAtOnce() throws IOException {
		String queue = bindQueue(this.prefix + "_control", this.prefix + ".srv1");

		this.driver.sendRequest(Target.topic(this.prefix).withServer("srv1"),
				new OutgoingMessage(BODY, Duration.ZERO, false)).block(WAIT);

		assertThat(this.channel.basicGet(queue, true)).isNull();
	}

	@Test
	void aCastToAServerCarriesNoExpiration() throws IOException {
		String queue = bindQueue(this.prefix + "_control", this.prefix + ".srv1");

		this.driver.sendRequest(Target.topic(this.prefix).withServer("srv1"), OutgoingMessage.of(BODY)).block(WAIT);

		GetResponse received = receive(queue);
		assertOsloProperties(received.getProps());
		assertThat(received.getProps().getExpiration()).isNull();
	}

	@Test
	void aFanoutCastGoesToTheTopicsFanoutExchangeWithAnEmptyRoutingKey() throws IOException {
		this.channel.exchangeDeclare(this.prefix + "_fanout", "fanout", false, true, null);
		String queue = bindQueue(this.prefix + "_fanout", this.prefix);

		this.driver.sendRequest(Target.topic(this.prefix).withFanout(true), OutgoingMessage.of(BODY)).block(WAIT);

		GetResponse received = receive(queue);
		assertOsloProperties(received.getProps());
		assertThat(received.getEnvelope().getExchange()).isEqualTo(this.prefix + "_fanout");
		assertThat(received.getEnvelope().getRoutingKey()).isEmpty();
	}

	@Test
	void aReplyGoesThroughTheDefaultExchangeWithoutExpiration() throws IOException {
		String queue = this.prefix + "_reply";
		this.channel.queueDeclare(queue, false, false, false, Map.of("x-expires", 60_000));
		this.queues.add(queue);

		this.driver.sendReply(queue, OutgoingMessage.of(BODY)).block(WAIT);

		GetResponse received = receive(queue);
		assertOsloProperties(received.getProps());
		assertThat(received.getProps().getExpiration()).isNull();
		assertThat(received.getEnvelope().getExchange()).isEmpty();
		assertThat(received.getEnvelope().getRoutingKey()).isEqualTo(queue);
	}

	@Test
	void aNotificationGoesToTheControlExchangeAndTheQueueNamedAfterItsRoutingKey() throws IOException {
		String queue = this.prefix + "_notifications.info";
		this.queues.add(queue);

		this.driver.sendNotification(this.prefix + "_notifications", "info", OutgoingMessage.of(BODY)).block(WAIT);

		GetResponse received = receive(queue);
		assertOsloProperties(received.getProps());
		assertThat(received.getProps().getExpiration()).isNull();
		assertThat(received.getEnvelope().getExchange()).isEqualTo(this.prefix + "_control");
		assertThat(received.getEnvelope().getRoutingKey()).isEqualTo(queue);
	}

	private static void assertOsloProperties(AMQP.BasicProperties properties) {
		assertThat(properties.getContentType()).isEqualTo("application/json");
		assertThat(properties.getContentEncoding()).isEqualTo("utf-8");
		assertThat(properties.getDeliveryMode()).isEqualTo(2);
		assertThat(properties.getPriority()).isZero();
		assertThat(properties.getHeaders()).isNotNull().isEmpty();
		assertThat(properties.getCorrelationId()).isNull();
		assertThat(properties.getReplyTo()).isNull();
		assertThat(properties.getMessageId()).isNull();
		assertThat(properties.getType()).isNull();
		assertThat(properties.getTimestamp()).isNull();
		assertThat(properties.getUserId()).isNull();
		assertThat(properties.getAppId()).isNull();
		assertThat(properties.getClusterId()).isNull();
	}

	private String bindQueue(String exchange, String routingKey) throws IOException {
		String queue = this.prefix + "_probe_" + this.queues.size();
		if (!exchange.endsWith("_fanout")) {
			this.channel.exchangeDeclare(exchange, "topic", false, false, null);
		}
		this.channel.queueDeclare(queue, false, false, false, null);
		this.channel.queueBind(queue, exchange, routingKey);
		this.queues.add(queue);
		return queue;
	}

	private GetResponse receive(String queue) {
		return await().atMost(WAIT).until(() -> this.channel.basicGet(queue, true), (response) -> response != null);
	}

}
