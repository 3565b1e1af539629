package io.oslo4j.messaging.transport.rabbit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.testsupport.RabbitCtl;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.OutgoingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An RPC server consumes its fanout queue on a channel of its own: a fanout that the broker will
 * not let it consume for a while (on a cluster, a stream with no replica on the node yet, or a
 * queue whose declaration waits until a silent node is declared down) keeps the fanout alone from
 * being consumed, and the server goes on taking its calls. Here the broker refuses the fanout
 * queue's declaration, because a queue of the same name with other flags took its place.
 */
@ExtendWith(RabbitTestSupport.class)
class ServerFanoutChannelTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private String topic;

	private RabbitDriver driver;

	private Listener server;

	private final List<String> received = new CopyOnWriteArrayList<>();

	@BeforeEach
	void serve() {
		RabbitCtl.assumeAvailable();
		String prefix = RabbitTestSupport.uniqueName("oslo4j_fanout_channel");
		this.topic = prefix + "_rpc";
		this.driver = RabbitDriver.create(RabbitTestSupport.url(Map.of("control_exchange", prefix + "_control")));
		this.server = this.driver.listen(Target.topic(this.topic).withServer("srv1"), (delivery) -> {
			this.received.add(new String(delivery.body(), StandardCharsets.UTF_8));
			delivery.ack();
		});
	}

	@AfterEach
	void close() throws Exception {
		String fanoutQueue = fanoutQueue();
		this.server.close();
		this.driver.close();
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".srv1", fanoutQueue),
				List.of(this.topic + "_fanout"));
	}

	@Test
	void aFanoutQueueTheBrokerRefusesKeepsTheFanoutAloneFromBeingConsumedUntilItIsServedAgain() throws Exception {
		String fanoutQueue = fanoutQueue();
		try (Connection connection = RabbitTestSupport.openConnection(); Channel channel = connection.createChannel()) {
			// the server's consumer of it is cancelled; declared again by the server, it is refused (406)
			channel.queueDelete(fanoutQueue);
			channel.queueDeclare(fanoutQueue, true, false, false, null);
		}
		await().atMost(WAIT).until(() -> !this.server.isConsuming());

		send(Target.topic(this.topic), "\"topic\"");
		send(Target.topic(this.topic).withServer("srv1"), "\"server\"");

		await().atMost(WAIT).until(() -> this.received.containsAll(List.of("\"topic\"", "\"server\"")));
		assertThat(this.server.isConsuming()).as("the fanout is still refused").isFalse();

		try (Connection connection = RabbitTestSupport.openConnection(); Channel channel = connection.createChannel()) {
			channel.queueDelete(fanoutQueue);
		}
		await().atMost(WAIT).until(this.server::isConsuming);
		send(Target.topic(this.topic).withFanout(true), "\"fanout\"");

		await().atMost(WAIT).until(() -> this.received.contains("\"fanout\""));
	}

	/** The server's own fanout queue, {@code <topic>_fanout_<unique>}. */
	private String fanoutQueue() {
		return RabbitCtl.queues((name) -> name.startsWith(this.topic + "_fanout_")).keySet().iterator().next();
	}

	private void send(Target target, String body) {
		this.driver.sendRequest(target, OutgoingMessage.of(body.getBytes(StandardCharsets.UTF_8))).block(WAIT);
	}

}
