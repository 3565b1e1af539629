package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.oslo4j.messaging.testsupport.QueueCounts;
import io.oslo4j.messaging.testsupport.RabbitCtl;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the named reply queue's replies are acknowledged: together, with one {@code multiple}
 * acknowledgement per batch or per linger, on the channel each came on; the broker's counts are
 * the judge.
 */
@ExtendWith(RabbitTestSupport.class)
class ReplyAcksTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final VirtualTimeScheduler linger = VirtualTimeScheduler.create();

	private final List<RabbitDelivery> handed = new CopyOnWriteArrayList<>();

	/** The acknowledgements sent, as {@code tag} or {@code tag+} for multiple, per channel number. */
	private final List<String> acks = new CopyOnWriteArrayList<>();

	private Connection connection;

	private String queue;

	@BeforeEach
	void queue() throws IOException {
		this.connection = RabbitTestSupport.openConnection();
		this.queue = RabbitTestSupport.uniqueName("oslo4j_reply_acks");
		try (Channel channel = this.connection.createChannel()) {
			channel.queueDeclare(this.queue, false, false, false, null);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IOException(ex);
		}
	}

	@AfterEach
	void close() throws IOException {
		this.linger.dispose();
		RabbitTestSupport.delete(List.of(this.queue), List.of());
		this.connection.close();
	}

	@Test
	void repliesFewerThanABatchAreAcknowledgedTogetherOnceTheLingerHasPassed() throws IOException {
		ReplyAcks replyAcks = new ReplyAcks(0, this.linger);
		Channel channel = consume(replyAcks, 0);
		publish(3);

		await().atMost(WAIT).until(() -> this.handed.size() == 3);
		assertThat(counts().unacknowledged()).isEqualTo(3);
		assertThat(this.acks).isEmpty();

		this.linger.advanceTimeBy(ReplyAcks.LINGER);

		assertThat(this.acks).containsExactly(channel.getChannelNumber() + ":3+");
		await().atMost(WAIT).until(() -> counts().unacknowledged() == 0);
		assertThat(counts().ready()).isZero();
	}

	@Test
	void aBatchOfHalfThePrefetchIsAcknowledgedAtOnceSoTheBrokerNeverWaitsForAnAcknowledgement() throws IOException {
		ReplyAcks replyAcks = new ReplyAcks(4, this.linger);
		Channel channel = consume(replyAcks, 4);
		publish(7);

		await().atMost(WAIT).until(() -> this.handed.size() == 7);
		int number = channel.getChannelNumber();
		assertThat(this.acks).containsExactly(number + ":2+", number + ":4+", number + ":6+");
		await().atMost(WAIT).until(() -> counts().unacknowledged() == 1);

		this.linger.advanceTimeBy(ReplyAcks.LINGER);

		assertThat(this.acks).endsWith(number + ":7+");
		await().atMost(WAIT).until(() -> counts().unacknowledged() == 0);
	}

	@Test
	void repliesOfALostChannelAreLeftToTheBrokerAndComeAgainOnTheNextOne() throws Exception {
		ReplyAcks replyAcks = new ReplyAcks(0, this.linger);
		Channel lost = consume(replyAcks, 0);
		publish(2);
		await().atMost(WAIT).until(() -> this.handed.size() == 2);

		lost.close();
		Channel next = consume(replyAcks, 0);
		await().atMost(WAIT).until(() -> this.handed.size() == 4);
		assertThat(this.handed.subList(2, 4)).allMatch((reply) -> reply.redelivered());

		this.linger.advanceTimeBy(ReplyAcks.LINGER);

		assertThat(this.acks).containsExactly(next.getChannelNumber() + ":2+");
		await().atMost(WAIT).until(() -> counts().unacknowledged() == 0);
		assertThat(counts().ready()).isZero();
	}

	@Test
	void closingAcknowledgesWhatIsLeftAndLaterRepliesOnReceipt() throws IOException {
		ReplyAcks replyAcks = new ReplyAcks(0, this.linger);
		Channel channel = consume(replyAcks, 0);
		publish(2);
		await().atMost(WAIT).until(() -> this.handed.size() == 2);

		replyAcks.close();
		publish(1);
		await().atMost(WAIT).until(() -> this.handed.size() == 3);

		int number = channel.getChannelNumber();
		assertThat(this.acks).containsExactly(number + ":2+", number + ":3+");
		await().atMost(WAIT).until(() -> counts().unacknowledged() == 0);
	}

	@Test
	void withoutATimerEachReplyIsAcknowledgedOnReceiptAndStillHandedOver() throws IOException {
		Scheduler gone = Schedulers.newSingle("oslo4j-test-gone");
		gone.dispose();
		ReplyAcks replyAcks = new ReplyAcks(0, gone);
		Channel channel = consume(replyAcks, 0);
		publish(2);

		await().atMost(WAIT).until(() -> this.handed.size() == 2);

		int number = channel.getChannelNumber();
		assertThat(this.acks).containsExactly(number + ":1+", number + ":2+");
		await().atMost(WAIT).until(() -> counts().unacknowledged() == 0);
	}

	/** Consumes the queue as the reply consumer does: each reply through {@code replyAcks}, then handed over. */
	private Channel consume(ReplyAcks replyAcks, int prefetch) throws IOException {
		Channel channel = this.connection.createChannel();
		if (prefetch > 0) {
			channel.basicQos(prefetch);
		}
		Channel recorded = recordingAcks(channel);
		channel.basicConsume(this.queue, false, new DefaultConsumer(channel) {
			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] body) {
				RabbitDelivery reply = new RabbitDelivery(recorded, envelope.getDeliveryTag(), envelope.isRedeliver(),
						properties, body);
				replyAcks.acknowledge(reply);
				ReplyAcksTests.this.handed.add(reply);
			}
		});
		return channel;
	}

	/** The channel, with each {@code basicAck} recorded before it is sent. */
	private Channel recordingAcks(Channel channel) {
		return (Channel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Channel.class },
				(proxy, method, args) -> {
					if (method.getName().equals("basicAck")) {
						this.acks.add(channel.getChannelNumber() + ":" + args[0] + (((Boolean) args[1]) ? "+" : ""));
					}
					try {
						return method.invoke(channel, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	private void publish(int count) throws IOException {
		try (Channel channel = this.connection.createChannel()) {
			channel.confirmSelect();
			for (int i = 0; i < count; i++) {
				channel.basicPublish("", this.queue, null, ("reply " + i).getBytes(StandardCharsets.UTF_8));
			}
			channel.waitForConfirmsOrDie(WAIT.toMillis());
		}
		catch (InterruptedException | java.util.concurrent.TimeoutException ex) {
			throw new IOException(ex);
		}
	}

	private QueueCounts counts() {
		return RabbitCtl.queueCounts(this.queue);
	}

}
