package io.oslo4j.messaging.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.rabbit.RabbitDriver;

import static org.awaitility.Awaitility.await;

/**
 * What a broker does with a mandatory publish to a live direct reply-to address: it delivers it,
 * and some versions return it as unroutable as well.
 *
 * @param brokerVersion the broker's {@code version} server property
 * @param returned the reply texts of the returns (such as {@code NO_ROUTE}); empty when none came
 */
public record DirectReplyProbe(String brokerVersion, List<String> returned) {

	private static final Duration WAIT = Duration.ofSeconds(15);

	/**
	 * Consumes direct reply-to on a driver of the broker, publishes one mandatory message to its
	 * address with publisher confirms (a return comes before its confirm), and waits for the delivery.
	 */
	public static DirectReplyProbe of(String brokerUrl) {
		try (RabbitDriver driver = RabbitDriver.create(TransportUrl.parse(brokerUrl));
				Connection connection = RabbitTestSupport.openConnection(brokerUrl)) {
			List<Delivery> delivered = new CopyOnWriteArrayList<>();
			String address = driver.startDirectReplyConsumer(delivered::add).address();
			List<String> returned = new CopyOnWriteArrayList<>();
			Channel channel = connection.createChannel();
			channel.addReturnListener((code, text, exchange, routingKey, properties, body) -> returned.add(text));
			channel.confirmSelect();
			channel.basicPublish("", address, true, new AMQP.BasicProperties(), "probe".getBytes(StandardCharsets.UTF_8));
			channel.waitForConfirmsOrDie(WAIT.toMillis());
			await().atMost(WAIT).until(() -> delivered.size() == 1);
			return new DirectReplyProbe(connection.getServerProperties().get("version").toString(), List.copyOf(returned));
		}
		catch (Exception ex) {
			throw new IllegalStateException("the direct reply-to probe of " + brokerUrl + " failed", ex);
		}
	}

}
