package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.Map;

import io.oslo4j.messaging.InvalidTransportUrlException;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.options.InvalidOptionException;
import io.oslo4j.messaging.options.OsloOption;
import io.oslo4j.messaging.options.OsloOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RabbitOptionsTests {

	@Test
	void defaultsAreThoseOfOslo() {
		RabbitOptions options = RabbitOptions.fromUrl(TransportUrl.parse("rabbit://"));

		assertThat(options).isEqualTo(RabbitOptions.defaults());
		assertThat(options.controlExchange()).isEqualTo("openstack");
		assertThat(options.durableQueues()).isFalse();
		assertThat(options.autoDelete()).isFalse();
		assertThat(options.haQueues()).isFalse();
		assertThat(options.quorumQueue()).isFalse();
		assertThat(options.transientQuorumQueue()).isFalse();
		assertThat(options.streamFanout()).isFalse();
		assertThat(options.useQueueManager()).isFalse();
		assertThat(options.quorumDeliveryLimit()).isZero();
		assertThat(options.quorumMaxMemoryLength()).isZero();
		assertThat(options.quorumMaxMemoryBytes()).isZero();
		assertThat(options.transientQueuesTtl()).isEqualTo(Duration.ofSeconds(1800));
		assertThat(options.qosPrefetchCount()).isZero();
		assertThat(options.missingConsumerRetryTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.heartbeatTimeoutThreshold()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.heartbeatRate()).isEqualTo(3);
		assertThat(options.tls().enabled()).isFalse();
		assertThat(options.tls().hostnameVerification()).isTrue();
		assertThat(options.publisherChannels()).isEqualTo(30);
		assertThat(options.loginMethod()).isEqualTo("AMQPLAIN");
		assertThat(options.failoverStrategy()).isEqualTo("round-robin");
		assertThat(options.reconnect().retryInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.reconnect().retryBackoff()).isEqualTo(Duration.ofSeconds(2));
		assertThat(options.reconnect().intervalMax()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.reconnect().reconnectDelay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.reconnect().reconnectSplay()).isZero();
		assertThat(options.directMandatoryFlag()).isTrue();
		assertThat(options.compression()).isNull();
		assertThat(options.cancelOnFailover()).isFalse();
	}

	@Test
	void optionsAreReadUnderTheirOsloNames() {
		RabbitOptions options = parse("control_exchange=nova&amqp_durable_queues=true&amqp_auto_delete=yes"
				+ "&rabbit_quorum_queue=on&rabbit_quorum_delivery_limit=3&rabbit_quorum_max_memory_length=10"
				+ "&rabbit_quorum_max_memory_bytes=2048&rabbit_transient_queues_ttl=60&rabbit_qos_prefetch_count=5"
				+ "&kombu_missing_consumer_retry_timeout=2.5&heartbeat_timeout_threshold=0&ssl=1&rpc_conn_pool_size=4"
				+ "&kombu_reconnect_delay=0.5&kombu_failover_strategy=shuffle&rabbit_login_method=PLAIN");

		assertThat(options.controlExchange()).isEqualTo("nova");
		assertThat(options.durableQueues()).isTrue();
		assertThat(options.autoDelete()).isTrue();
		assertThat(options.quorumQueue()).isTrue();
		assertThat(options.quorumDeliveryLimit()).isEqualTo(3);
		assertThat(options.quorumMaxMemoryLength()).isEqualTo(10);
		assertThat(options.quorumMaxMemoryBytes()).isEqualTo(2048);
		assertThat(options.transientQueuesTtl()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.qosPrefetchCount()).isEqualTo(5);
		assertThat(options.missingConsumerRetryTimeout()).isEqualTo(Duration.ofMillis(2500));
		assertThat(options.heartbeatTimeoutThreshold()).isZero();
		assertThat(options.tls().enabled()).isTrue();
		assertThat(options.publisherChannels()).isEqualTo(4);
		assertThat(options.reconnect().reconnectDelay()).isEqualTo(Duration.ofMillis(500));
		assertThat(options.failoverStrategy()).isEqualTo("shuffle");
		assertThat(options.loginMethod()).isEqualTo("PLAIN");
	}

	@Test
	void theMisspelledQuorumOptionsOfOslo14AreReadAsTheirCorrectNames() {
		RabbitOptions options = parse("rabbit_quroum_max_memory_length=10&rabbit_quroum_max_memory_bytes=2048");

		assertThat(options.quorumMaxMemoryLength()).isEqualTo(10);
		assertThat(options.quorumMaxMemoryBytes()).isEqualTo(2048);
		assertThat(options).isEqualTo(parse("rabbit_quorum_max_memory_length=10&rabbit_quorum_max_memory_bytes=2048"));
	}

	@Test
	void everyRabbitOptionOfOsloIsAccepted() {
		for (OsloOption option : OsloOptions.group(OsloOption.RABBIT)) {
			String text = (option.defaultValue() != null) ? option.defaultValue() : "value";
			if (!option.choices().isEmpty()) {
				text = option.choices().get(0);
			}
			String value = text;
			assertThat(RabbitOptions.defaults().with(option.name(), value)).as(option.name()).isNotNull();
		}
	}

	@Test
	void zeroTransientQueueTtlMeansNone() {
		assertThat(parse("rabbit_transient_queues_ttl=0").transientQueuesTtl()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "TRUE", "1", "on", "yes", "Yes" })
	void booleansAreSpelledAsOsloConfigAccepts(String spelling) {
		assertThat(parse("amqp_durable_queues=" + spelling).durableQueues()).isTrue();
	}

	@Test
	void anUnknownOptionIsRefusedSayingWhichOptionsTheDriverKnows() {
		assertThatThrownBy(() -> parse("amqp_durable_queue=true")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("unknown option 'amqp_durable_queue'")
			.hasMessageContaining("[oslo_messaging_rabbit]");
	}

	@Test
	void anOptionOfAnotherGroupIsRefusedSayingWhereItBelongs() {
		assertThatThrownBy(() -> parse("rpc_response_timeout=30")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("[DEFAULT] rpc_response_timeout")
			.hasMessageContaining("messaging.* property");
	}

	@Test
	void aValueOfTheWrongTypeIsRefusedWithTheOptionTheValueAndWhatItTakes() {
		assertThatThrownBy(() -> parse("rabbit_qos_prefetch_count=many")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rabbit_qos_prefetch_count=many")
			.hasMessageContaining("expected an integer");
		assertThatThrownBy(() -> parse("amqp_auto_delete=maybe")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("amqp_auto_delete=maybe")
			.hasMessageContaining("true/false");
		assertThatThrownBy(() -> parse("kombu_failover_strategy=random")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("round-robin, shuffle");
	}

	@Test
	void valuesOutOfOslosBoundsAreRefused() {
		assertThatThrownBy(() -> parse("rabbit_quorum_delivery_limit=-1")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rabbit_quorum_delivery_limit=-1': must be at least 0");
		assertThatThrownBy(() -> parse("rpc_conn_pool_size=0")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("must be at least 1");
		assertThatThrownBy(() -> parse("rabbit_retry_interval=0")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rabbit_retry_interval=0");
	}

	@Test
	void quorumAndHaQueuesCannotBeCombined() {
		assertThatThrownBy(() -> parse("rabbit_ha_queues=true&rabbit_quorum_queue=true"))
			.isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rabbit_quorum_queue and rabbit_ha_queues are both enabled");
	}

	@Test
	void streamFanoutNeedsAPrefetchCountAndTransientQuorumQueues() {
		assertThatThrownBy(() -> parse("rabbit_stream_fanout=true&rabbit_transient_quorum_queue=true"))
			.isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rabbit_stream_fanout needs rabbit_qos_prefetch_count to be set to a value greater "
					+ "than 0");
		assertThatThrownBy(() -> parse("rabbit_stream_fanout=true&rabbit_qos_prefetch_count=1"))
			.isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rabbit_stream_fanout needs rabbit_transient_quorum_queue to be set to true");
		assertThat(parse("rabbit_stream_fanout=true&rabbit_transient_quorum_queue=true&rabbit_qos_prefetch_count=1")
			.streamFanout()).isTrue();
	}

	@Test
	void theConnectionPoolCannotBeSmallerThanItsMinimum() {
		assertThatThrownBy(() -> parse("rpc_conn_pool_size=1")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rpc_conn_pool_size: 1 must be greater than or equal to conn_pool_min_size: 2");
	}

	@Test
	void tlsFilesNeedTls() {
		assertThat(parse("ssl=true&ssl_ca_file=/etc/ca.pem").tls().caFile()).isEqualTo("/etc/ca.pem");
		assertThatThrownBy(() -> parse("ssl_ca_file=/etc/ca.pem")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("add ssl=true");
		assertThat(parse("ssl=true&ssl_cert_file=/etc/me.pem").tls().keyFile()).as("the key read from the cert file, "
				+ "as Python's load_cert_chain does").isEmpty();
		assertThatThrownBy(() -> parse("ssl=true&ssl_key_file=/etc/me.key"))
			.isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("ssl_key_file is set without ssl_cert_file");
	}

	@Test
	void kombuCompressionTakesKombusNamesAndRefusesOslosBz2SayingWhatToWrite() {
		assertThat(parse("kombu_compression=bzip2").compressionContentType()).isEqualTo("application/x-bz2");
		assertThat(parse("kombu_compression=gzip").compressionContentType()).isEqualTo("application/x-gzip");
		assertThat(RabbitOptions.defaults().compressionContentType()).isNull();
		assertThatThrownBy(() -> parse("kombu_compression=bz2")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("option 'kombu_compression=bz2': oslo's help names bz2, but kombu knows no such name")
			.hasMessageContaining("use gzip (or zlib) or bzip2 (or bzip)");
	}

	@Test
	void sslVersionTakesOslosNamesInAnyCase() {
		assertThat(parse("ssl=true&ssl_version=tlsv1_2").tls().version()).isEqualTo("tlsv1_2");
		assertThat(parse("ssl=true&ssl_version=SSLv23").tls().version()).isEqualTo("SSLv23");
		assertThatThrownBy(() -> parse("ssl=true&ssl_version=TLS1.2")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("option 'ssl_version=TLS1.2': not a TLS version oslo knows; expected TLSv1, "
					+ "TLSv1_1, TLSv1_2, TLSv1_3, or SSLv23 (or nothing) to negotiate");
		assertThatThrownBy(() -> parse("ssl=true&ssl_version=SSLv3")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("option 'ssl_version=SSLv3': SSLv3 is broken");
	}

	@Test
	void externalLoginNeedsAClientCertificate() {
		assertThatThrownBy(() -> parse("rabbit_login_method=EXTERNAL")).isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rabbit_login_method=EXTERNAL")
			.hasMessageContaining("ssl_cert_file");
	}

	@Test
	void errorsNeverShowThePassword() {
		assertThatThrownBy(() -> RabbitOptions.fromUrl(TransportUrl.parse("rabbit://user:secret@host/?bogus=1")))
			.hasMessageNotContaining("secret");
	}

	@Test
	void optionsCanBeSetFromJavaUnderTheirOsloNames() {
		RabbitOptions options = RabbitOptions.defaults()
			.with("control_exchange", "neutron")
			.with("rabbit_quorum_queue", "true")
			.with("rabbit_transient_queues_ttl", "60");

		assertThat(options.controlExchange()).isEqualTo("neutron");
		assertThat(options.quorumQueue()).isTrue();
		assertThat(options.transientQueuesTtl()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.texts()).containsExactly(Map.entry("control_exchange", "neutron"),
				Map.entry("rabbit_quorum_queue", "true"), Map.entry("rabbit_transient_queues_ttl", "60"));
		assertThatThrownBy(() -> RabbitOptions.defaults().with("rabbit_qos_prefetch_count", "x"))
			.isInstanceOf(InvalidOptionException.class);
	}

	@Test
	void aQueryAloneCanBeRead() {
		assertThat(RabbitOptions.fromQuery("properties", Map.of("amqp_durable_queues", "true")).durableQueues()).isTrue();
	}

	private static RabbitOptions parse(String query) {
		return RabbitOptions.fromUrl(TransportUrl.parse("rabbit://localhost/?" + query));
	}

}
