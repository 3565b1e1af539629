package io.oslo4j.messaging.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.MessageRefusedException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.testsupport.Figures;
import io.oslo4j.messaging.testsupport.ThrowawayBroker;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When the broker refuses a message itself (larger than its {@code max_message_size}) or what it
 * must go to (a queue declared with other flags), sending it again cannot help: calls, casts and
 * notifications fail at once with {@link MessageRefusedException} and the broker's reason, instead
 * of retrying until a timeout or, for casts and notifications, forever; and the messages that
 * shared a channel with the refused one still go through. On a node of the test's own, whose
 * {@code max_message_size} is 1 MiB.
 */
class BrokerRefusalTests {

	private static final int MAX_MESSAGE_SIZE = 1024 * 1024;

	private static final Duration FAST = Duration.ofSeconds(3);

	private static ThrowawayBroker broker;

	private final String big = "x".repeat(2 * MAX_MESSAGE_SIZE);

	private String topic;

	private Transport transport;

	private RpcClient client;

	@BeforeAll
	static void startBroker() {
		broker = ThrowawayBroker.builder("refusal").config("max_message_size = " + MAX_MESSAGE_SIZE).start();
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@BeforeEach
	void open() {
		this.topic = "refusal-" + MessageIds.newHexId().substring(0, 10);
		this.transport = Transport.open(broker.url(Map.of()));
		this.client = RpcClient.create(this.transport, Target.topic(this.topic)).withTimeout(Duration.ofSeconds(30));
	}

	@AfterEach
	void close() {
		this.transport.close();
	}

	@Test
	void aMessageOverTheBrokersSizeLimitFailsAtOnceWithTheBrokersReason() {
		long start = System.nanoTime();
		assertThatExceptionOfType(MessageRefusedException.class)
			.isThrownBy(() -> this.client.call(RequestContext.empty(), "echo", Map.of("value", this.big)))
			.withMessageContaining("the broker refused the message of")
			.withMessageContaining("larger than configured max size " + MAX_MESSAGE_SIZE);
		Duration call = Duration.ofNanos(System.nanoTime() - start);
		assertThatExceptionOfType(MessageRefusedException.class)
			.isThrownBy(() -> this.client.castAsync(RequestContext.empty(), "echo", Map.of("value", this.big)).block(FAST));
		Notifier notifier = Notifier.builder(this.transport).topics(this.topic).build();
		assertThatExceptionOfType(MessageRefusedException.class)
			.isThrownBy(() -> notifier.send(Priority.INFO, RequestContext.empty(), "big", this.big).block(FAST));
		notifier.info(RequestContext.empty(), "big", this.big);
		assertThat(notifier.failedSends()).isOne();
		assertThat(call).isLessThan(FAST);
		Figures.record("broker refusal", "a call over max_message_size failed with MessageRefusedException in", call);
	}

	@Test
	void theMessagesThatSharedAChannelWithTheRefusedOneGoThrough() {
		List<Mono<String>> casts = new java.util.ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String value = (i == 100) ? this.big : "small-" + i;
			casts.add(this.client.castAsync(RequestContext.empty(), "echo", Map.of("value", value))
				.thenReturn("sent")
				.onErrorResume(MessageRefusedException.class, (ex) -> Mono.just("refused")));
		}
		List<String> outcomes = Flux.merge(casts).collectList().block(Duration.ofSeconds(30));
		assertThat(outcomes).hasSize(200).containsOnlyOnce("refused");
	}

	@Test
	void aQueueDeclaredWithOtherFlagsFailsANotificationAtOnceNamingTheOptions() {
		Notifier plain = Notifier.builder(this.transport).topics(this.topic).build();
		plain.send(Priority.INFO, RequestContext.empty(), "first", null).block(FAST);
		try (Transport durable = Transport.open(broker.url(Map.of("amqp_durable_queues", "true")))) {
			Notifier notifier = Notifier.builder(durable).topics(this.topic).build();
			assertThatExceptionOfType(MessageRefusedException.class)
				.isThrownBy(() -> notifier.send(Priority.INFO, RequestContext.empty(), "second", null).block(FAST))
				.withMessageContaining("PRECONDITION_FAILED")
				.withMessageContaining("amqp_durable_queues");
		}
	}

}
