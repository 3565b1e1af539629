package io.oslo4j.messaging.boot.autoconfigure;

import java.time.Duration;

import io.oslo4j.messaging.TransportUrl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransportOptionsTests {

	private final MessagingProperties properties = new MessagingProperties();

	@Test
	void shouldAppendEveryRabbitOptionWhenTheUrlIsRabbit() {
		this.properties.getRabbit().setDurableQueues(true);
		this.properties.getRabbit().setTransientQueuesTtl(Duration.ofMinutes(5));
		TransportUrl url = TransportUrl.parse(TransportOptions.of(this.properties).applyTo("rabbit://u:p%40ss@h1:5672,h2/vhost"));
		assertThat(url.hosts()).hasSize(2);
		assertThat(url.hosts().get(0).password()).isEqualTo("p@ss");
		assertThat(url.virtualHost()).isEqualTo("vhost");
		assertThat(url.query()).containsEntry("amqp_durable_queues", "true")
			.containsEntry("rabbit_transient_queues_ttl", "300")
			.containsEntry("control_exchange", "openstack")
			.containsEntry("kombu_missing_consumer_retry_timeout", "60")
			.hasSize(9);
	}

	@Test
	void shouldKeepTheUrlsOwnOptionWhenBothSetIt() {
		this.properties.getRabbit().setQuorumQueue(true);
		TransportUrl url = TransportUrl
			.parse(TransportOptions.of(this.properties).applyTo("kombu://h/?rabbit_quorum_queue=false&ssl=true"));
		assertThat(url.query()).containsEntry("rabbit_quorum_queue", "false").containsEntry("ssl", "true").hasSize(10);
	}

	@Test
	void shouldAppendOnlyTheOptionsFakeKnowsWhenTheUrlIsFake() {
		this.properties.setControlExchange("nova");
		TransportUrl url = TransportUrl.parse(TransportOptions.of(this.properties).applyTo("fake:///tests"));
		assertThat(url.query()).containsOnlyKeys("control_exchange", "kombu_missing_consumer_retry_timeout")
			.containsEntry("control_exchange", "nova");
	}

	@Test
	void shouldWriteFractionalSecondsWhenADurationIsNotWholeSeconds() {
		this.properties.getRabbit().setMissingConsumerRetryTimeout(Duration.ofMillis(2500));
		assertThat(TransportOptions.of(this.properties).all()).containsEntry("kombu_missing_consumer_retry_timeout", "2.5");
	}

}
