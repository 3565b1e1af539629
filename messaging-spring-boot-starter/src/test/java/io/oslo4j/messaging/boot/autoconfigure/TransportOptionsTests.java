package io.oslo4j.messaging.boot.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;

import io.oslo4j.messaging.TransportUrl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransportOptionsTests {

	private final MessagingProperties properties = new MessagingProperties();

	@Test
	void shouldAppendNothingWhenTheUserSetNoOption() {
		assertThat(TransportOptions.of(this.properties).all()).isEmpty();
		assertThat(TransportOptions.of(this.properties).applyTo("rabbit://h/")).isEqualTo("rabbit://h/");
	}

	@Test
	void shouldAppendOnlyTheRabbitOptionsTheUserSetUnderOslosNames() {
		this.properties.getRabbit().setAmqpDurableQueues(true);
		this.properties.getRabbit().setRabbitTransientQueuesTtl(Duration.ofMinutes(5));
		this.properties.getRabbit().setKombuReconnectDelay(new BigDecimal("1.5"));
		this.properties.getRabbit().setKombuFailoverStrategy("shuffle");
		TransportUrl url = TransportUrl.parse(TransportOptions.of(this.properties).applyTo("rabbit://u:p%40ss@h1:5672,h2/vhost"));
		assertThat(url.hosts()).hasSize(2);
		assertThat(url.hosts().get(0).password()).isEqualTo("p@ss");
		assertThat(url.virtualHost()).isEqualTo("vhost");
		assertThat(url.query()).containsOnlyKeys("amqp_durable_queues", "rabbit_transient_queues_ttl",
				"kombu_reconnect_delay", "kombu_failover_strategy")
			.containsEntry("amqp_durable_queues", "true")
			.containsEntry("rabbit_transient_queues_ttl", "300")
			.containsEntry("kombu_reconnect_delay", "1.5")
			.containsEntry("kombu_failover_strategy", "shuffle");
	}

	@Test
	@SuppressWarnings("deprecation")
	void shouldApplyADeprecatedPropertyAsItsReplacement() {
		this.properties.getRabbit().setQuorumQueue(true);
		assertThat(this.properties.getRabbit().getRabbitQuorumQueue()).isTrue();
		assertThat(TransportOptions.of(this.properties).all()).containsExactlyEntriesOf(java.util.Map.of("rabbit_quorum_queue", "true"));
	}

	@Test
	void shouldKeepTheUrlsOwnOptionWhenBothSetIt() {
		this.properties.getRabbit().setRabbitQuorumQueue(true);
		TransportUrl url = TransportUrl
			.parse(TransportOptions.of(this.properties).applyTo("kombu://h/?rabbit_quorum_queue=false&ssl=true"));
		assertThat(url.query()).containsEntry("rabbit_quorum_queue", "false").containsEntry("ssl", "true").hasSize(2);
	}

	@Test
	void shouldAppendOnlyTheOptionsFakeKnowsWhenTheUrlIsFake() {
		this.properties.setControlExchange("nova");
		this.properties.getRabbit().setRabbitQuorumQueue(true);
		TransportUrl url = TransportUrl.parse(TransportOptions.of(this.properties).applyTo("fake:///tests"));
		assertThat(url.query()).containsOnlyKeys("control_exchange").containsEntry("control_exchange", "nova");
	}

	@Test
	void shouldWriteFractionalSecondsWhenADurationIsNotWholeSeconds() {
		this.properties.getRabbit().setKombuMissingConsumerRetryTimeout(Duration.ofMillis(2500));
		assertThat(TransportOptions.of(this.properties).all()).containsEntry("kombu_missing_consumer_retry_timeout", "2.5");
	}

}
