package io.oslo4j.messaging.transport.rabbit;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.ChannelLost;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.Closed;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.Delivered;
import io.oslo4j.messaging.transport.rabbit.ListenerSignal.Stopped;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a listener's consumer thread finds in its inbox while it waits to consume again, and after a stop. */
class ListenerInboxTests {

	private static final Duration LONG_STEP = Duration.ofHours(1);

	private final List<String> rejected = new CopyOnWriteArrayList<>();

	private final Channel channel = (Channel) Proxy.newProxyInstance(getClass().getClassLoader(),
			new Class<?>[] { Channel.class }, (proxy, method, args) -> {
				if (method.getName().equals("basicReject")) {
					this.rejected.add(args[0] + (((Boolean) args[1]) ? " requeued" : " dropped"));
				}
				return null;
			});

	private final ListenerInbox inbox = new ListenerInbox();

	@Test
	void aStopEndsABackoffWaitAtOnce() throws InterruptedException {
		this.inbox.put(new Stopped());

		assertThat(this.inbox.awaitStop(LONG_STEP, null)).isInstanceOf(Stopped.class);
	}

	@Test
	void signalsOfTheLostChannelDoNotEndTheWaitButACloseBehindThemDoes() throws InterruptedException {
		this.inbox.put(delivered(1));
		this.inbox.put(new ChannelLost(this.channel, "lost again"));
		this.inbox.put(new Closed());

		assertThat(this.inbox.awaitStop(LONG_STEP, null)).isInstanceOf(Closed.class);
		assertThat(this.rejected).as("a delivery of the lost channel is not settled: the broker requeued it")
			.isEmpty();
	}

	@Test
	void theWaitAfterARefusedConnectionEndsWhenTheBrokerIsBack() throws InterruptedException {
		assertThat(this.inbox.awaitStop(LONG_STEP, () -> true)).isNull();
	}

	@Test
	void aStopGivesBackTheDeliveriesNotHandedOverAndKeepsAClose() throws InterruptedException {
		this.inbox.put(delivered(1));
		this.inbox.put(new ChannelLost(this.channel, "lost"));
		this.inbox.put(delivered(2));
		this.inbox.put(new Closed());

		this.inbox.giveBackDeliveries();

		assertThat(this.rejected).containsExactly("1 requeued", "2 requeued");
		assertThat(this.inbox.take()).isInstanceOf(Closed.class);
	}

	private Delivered delivered(long tag) {
		return new Delivered(new RabbitDelivery(this.channel, tag, false, new AMQP.BasicProperties(), new byte[0]),
				false);
	}

}
