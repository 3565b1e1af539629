package io.oslo4j.messaging.transport.rabbit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.testsupport.DirectReplyProbe;
import io.oslo4j.messaging.testsupport.RabbitCtl;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.ReplyAddress;
import io.oslo4j.messaging.transport.ReplyRetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RabbitMQ's direct reply-to as the driver consumes it: the address the broker gives, replies
 * published to it as oslo's servers publish them, and what a lost connection does to it.
 */
@ExtendWith(RabbitTestSupport.class)
class DirectReplyConsumerTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeEverything() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void theBrokerGivesAnAddressThatAReplyToTheDefaultExchangeReaches() {
		RabbitDriver client = driver();
		List<Delivery> replies = new CopyOnWriteArrayList<>();
		ReplyAddress replyAddress = client.startDirectReplyConsumer(replies::add);

		String address = replyAddress.address();
		driver().sendReply(address, message("answer")).block(WAIT);

		assertThat(address).startsWith("amq.rabbitmq.reply-to.");
		assertThat(replyAddress.ready()).isEqualTo(address);
		await().atMost(WAIT).until(() -> replies.size() == 1);
		assertThat(new String(replies.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("answer");
		assertThat(RabbitCtl.queues((name) -> name.startsWith("reply_")).keySet()).doesNotContain(address);
	}

	/**
	 * Why servers reply to direct addresses without mandatory: RabbitMQ 3.x and 4.0 return every
	 * mandatory publish to one as unroutable, even the ones they deliver (4.3 returns none; 4.1 and
	 * 4.2 were not checked).
	 */
	@Test
	void theBrokerDeliversAMandatoryPublishToADirectAddressAndUpTo4Point0ReturnsItAsWell() {
		DirectReplyProbe probe = DirectReplyProbe.of(RabbitTestSupport.url());

		if (probe.brokerVersion().startsWith("3.") || probe.brokerVersion().startsWith("4.0.")) {
			assertThat(probe.returned()).containsExactly("NO_ROUTE");
		}
		else {
			assertThat(probe.returned()).isEmpty();
		}
	}

	@Test
	void aServerRepliesToADirectAddressWithoutMandatorySoAReplyToAVanishedCallerIsDroppedByTheBroker() {
		RabbitDriver client = driver();
		List<Delivery> replies = new CopyOnWriteArrayList<>();
		ReplyAddress replyAddress = client.startDirectReplyConsumer(replies::add);
		String address = replyAddress.address();
		RabbitDriver server = driver();

		server.sendReply(address, message("in time")).block(WAIT);
		await().atMost(WAIT).until(() -> replies.size() == 1);
		client.close();
		server.sendReply(address, message("too late")).block(WAIT);

		assertThat(server.replyRetryCounts()).isEqualTo(new ReplyRetry.Counts(0, 0, 0));
		assertThat(replies).hasSize(1);
	}

	@Test
	void afterTheBrokerClosesTheConnectionTheNextAddressIsANewOneThatRepliesReach() {
		RabbitCtl.assumeAvailable();
		String connectionName = RabbitTestSupport.uniqueName("oslo4j_direct_reply");
		CachingConnectionFactory factory = RabbitConnectionFactories.create(TransportUrl.parse(RabbitTestSupport.url()),
				RabbitOptions.defaults());
		factory.setConnectionNameStrategy((connectionFactory) -> connectionName);
		this.resources.add(factory::destroy);
		RabbitDriver client = RabbitDriver.create(factory, RabbitOptions.defaults());
		this.resources.add(client);
		List<Delivery> replies = new CopyOnWriteArrayList<>();
		ReplyAddress replyAddress = client.startDirectReplyConsumer(replies::add);
		String before = replyAddress.address();

		assertThat(RabbitCtl.closeConnections(connectionName)).isPositive();
		await().atMost(WAIT).until(() -> replyAddress.ready() == null);
		String after = replyAddress.address();
		RabbitDriver server = driver();
		server.sendReply(before, message("lost")).block(WAIT);
		server.sendReply(after, message("found")).block(WAIT);

		assertThat(after).startsWith("amq.rabbitmq.reply-to.").isNotEqualTo(before);
		await().atMost(WAIT).until(() -> replies.size() == 1);
		assertThat(new String(replies.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("found");
		assertThat(server.replyRetryCounts()).isEqualTo(new ReplyRetry.Counts(0, 0, 0));
	}

	private RabbitDriver driver() {
		RabbitDriver driver = RabbitDriver.create(TransportUrl.parse(RabbitTestSupport.url()));
		this.resources.add(driver);
		return driver;
	}

	private static OutgoingMessage message(String body) {
		return OutgoingMessage.of(body.getBytes(StandardCharsets.UTF_8));
	}

}
