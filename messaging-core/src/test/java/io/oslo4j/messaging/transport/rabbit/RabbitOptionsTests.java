package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.Map;

import io.oslo4j.messaging.InvalidTransportUrlException;
import io.oslo4j.messaging.TransportUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RabbitOptionsTests {

	@Test
	void defaultsAreThoseOfOslo14() {
		RabbitOptions options = RabbitOptions.fromUrl(TransportUrl.parse("rabbit://"));

		assertThat(options).isEqualTo(RabbitOptions.defaults());
		assertThat(options.controlExchange()).isEqualTo("openstack");
		assertThat(options.durableQueues()).isFalse();
		assertThat(options.autoDelete()).isFalse();
		assertThat(options.haQueues()).isFalse();
		assertThat(options.quorumQueue()).isFalse();
		assertThat(options.quorumDeliveryLimit()).isZero();
		assertThat(options.quorumMaxMemoryLength()).isZero();
		assertThat(options.quorumMaxMemoryBytes()).isZero();
		assertThat(options.transientQueuesTtl()).isEqualTo(Duration.ofSeconds(1800));
		assertThat(options.qosPrefetchCount()).isZero();
		assertThat(options.missingConsumerRetryTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.heartbeatTimeoutThreshold()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.ssl()).isFalse();
		assertThat(options.publisherChannels()).isEqualTo(30);
	}

	@Test
	void everyOptionIsReadUnderItsOsloName() {
		RabbitOptions options = parse("control_exchange=nova&amqp_durable_queues=true&amqp_auto_delete=yes"
				+ "&rabbit_quorum_queue=on&rabbit_quorum_delivery_limit=3&rabbit_quroum_max_memory_length=10"
				+ "&rabbit_quroum_max_memory_bytes=2048&rabbit_transient_queues_ttl=60&rabbit_qos_prefetch_count=5"
				+ "&kombu_missing_consumer_retry_timeout=2.5&heartbeat_timeout_threshold=0&ssl=1&rpc_conn_pool_size=4");

		assertThat(options).isEqualTo(new RabbitOptions("nova", true, true, false, true, 3, 10, 2048,
				Duration.ofSeconds(60), 5, Duration.ofMillis(2500), Duration.ZERO, true, 4));
	}

	@Test
	void haQueuesAreReadUnderTheirOsloName() {
		assertThat(parse("rabbit_ha_queues=True").haQueues()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "TRUE", "1", "on", "yes", "Yes" })
	void booleansAreSpelledAsOsloConfigAccepts(String spelling) {
		assertThat(parse("amqp_durable_queues=" + spelling).durableQueues()).isTrue();
	}

	@Test
	void anUnknownOptionIsRefusedWithTheOptionsThatExist() {
		assertThatThrownBy(() -> parse("amqp_durable_queue=true")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("unknown option 'amqp_durable_queue'")
			.hasMessageContaining("amqp_durable_queues")
			.hasMessageContaining("rabbit_qos_prefetch_count");
	}

	@Test
	void aValueOfTheWrongTypeIsRefusedWithTheOptionAndWhatItTakes() {
		assertThatThrownBy(() -> parse("rabbit_qos_prefetch_count=many")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rabbit_qos_prefetch_count=many")
			.hasMessageContaining("expected an integer");
		assertThatThrownBy(() -> parse("amqp_auto_delete=maybe")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("amqp_auto_delete")
			.hasMessageContaining("true/false");
	}

	@Test
	void quorumAndHaQueuesCannotBeCombined() {
		assertThatThrownBy(() -> parse("rabbit_ha_queues=true&rabbit_quorum_queue=true"))
			.isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rabbit_quorum_queue and rabbit_ha_queues are both enabled");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RabbitOptions.defaults().withHaQueues(true).withQuorumQueue(true));
	}

	@Test
	void theTransientQueueTtlIsAtLeastOneSecond() {
		assertThatThrownBy(() -> parse("rabbit_transient_queues_ttl=0")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rabbit_transient_queues_ttl must be from 1");
	}

	@Test
	void negativeCountsAreRefused() {
		assertThatThrownBy(() -> parse("rabbit_quorum_delivery_limit=-1")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("must not be negative");
		assertThatThrownBy(() -> parse("rpc_conn_pool_size=0")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("at least 1");
	}

	@Test
	void osloOptionsOfThePythonDriverOnlyAreAcceptedWhenWellTyped() {
		RabbitOptions options = parse("heartbeat_rate=3&kombu_reconnect_delay=0.5&kombu_failover_strategy=shuffle"
				+ "&rabbit_login_method=AMQPLAIN&rabbit_retry_interval=2&direct_mandatory_flag=true&conn_pool_ttl=10");

		assertThat(options).isEqualTo(RabbitOptions.defaults());
		assertThatThrownBy(() -> parse("kombu_failover_strategy=random")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("round-robin, shuffle");
	}

	@Test
	void aCaFileIsAcceptedWithTlsOnlyAndLeftToTheConnectionFactory() {
		assertThat(parse("ssl=true&ssl_ca_file=/etc/ca.pem")).isEqualTo(RabbitOptions.defaults().withSsl(true));
		assertThatThrownBy(() -> parse("ssl_ca_file=/etc/ca.pem")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("option 'ssl_ca_file' is set but TLS is not: add ssl=true, or remove ssl_ca_file");
	}

	@Test
	void clientCertificatesAndCompressionAreRefusedWithWhatToDoInstead() {
		assertThatThrownBy(() -> parse("ssl=true&ssl_cert_file=/etc/me.pem")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("ssl_cert_file")
			.hasMessageContaining("Spring ConnectionFactory");
		assertThatThrownBy(() -> parse("kombu_compression=gzip")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("publishes uncompressed");
	}

	@Test
	void errorsNeverShowThePassword() {
		assertThatThrownBy(() -> RabbitOptions.fromUrl(TransportUrl.parse("rabbit://user:secret@host/?bogus=1")))
			.hasMessageNotContaining("secret");
	}

	@Test
	void optionsCanBeSetFromJava() {
		RabbitOptions options = RabbitOptions.defaults()
			.withControlExchange("neutron")
			.withDurableQueues(true)
			.withAutoDelete(true)
			.withQuorumQueue(true)
			.withQuorumDeliveryLimit(3)
			.withQuorumMaxMemoryLength(1)
			.withQuorumMaxMemoryBytes(2)
			.withTransientQueuesTtl(Duration.ofSeconds(60))
			.withQosPrefetchCount(10)
			.withMissingConsumerRetryTimeout(Duration.ofSeconds(5))
			.withHeartbeatTimeoutThreshold(Duration.ofSeconds(30))
			.withSsl(true)
			.withPublisherChannels(8);

		assertThat(options).isEqualTo(new RabbitOptions("neutron", true, true, false, true, 3, 1, 2,
				Duration.ofSeconds(60), 10, Duration.ofSeconds(5), Duration.ofSeconds(30), true, 8));
		assertThat(RabbitOptions.defaults().withHaQueues(true).haQueues()).isTrue();
	}

	@Test
	void aQueryAloneCanBeRead() {
		assertThat(RabbitOptions.fromQuery("properties", Map.of("amqp_durable_queues", "true")).durableQueues()).isTrue();
	}

	private static RabbitOptions parse(String query) {
		return RabbitOptions.fromUrl(TransportUrl.parse("rabbit://localhost/?" + query));
	}

}
