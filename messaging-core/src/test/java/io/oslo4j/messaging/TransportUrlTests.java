package io.oslo4j.messaging;

import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.TransportUrl.Host;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TransportUrlTests {

	@Test
	void aBareSchemeMeansLocalhostWithDefaults() {
		TransportUrl url = TransportUrl.parse("rabbit://");
		assertThat(url.driver()).isEqualTo("rabbit");
		assertThat(url.hosts()).isEmpty();
		assertThat(url.virtualHost()).isNull();
	}

	@Test
	void hostsCarryTheirOwnCredentialsAndPorts() {
		TransportUrl url = TransportUrl.parse("rabbit://u1:p1@h1:5672,u2:p2@h2:5673/vh");
		assertThat(url.hosts()).containsExactly(new Host("h1", 5672, "u1", "p1"), new Host("h2", 5673, "u2", "p2"));
		assertThat(url.virtualHost()).isEqualTo("vh");
	}

	@Test
	void aHostWithoutPortUsesTheDefaultPort() {
		Host host = TransportUrl.parse("rabbit://guest:guest@broker/").hosts().get(0);
		assertThat(host.port()).isNull();
		assertThat(host.portOrDefault()).isEqualTo(5672);
	}

	@Test
	void credentialsAndVirtualHostArePercentDecoded() {
		TransportUrl url = TransportUrl.parse("rabbit://us%40er:p%3Ass%2Fw@h/v%2Fhost");
		assertThat(url.hosts().get(0).username()).isEqualTo("us@er");
		assertThat(url.hosts().get(0).password()).isEqualTo("p:ss/w");
		assertThat(url.virtualHost()).isEqualTo("v/host");
	}

	@Test
	void anEmptyPathIsTheDefaultVirtualHost() {
		assertThat(TransportUrl.parse("rabbit://h/").virtualHost()).isNull();
		assertThat(TransportUrl.parse("rabbit://h").virtualHost()).isNull();
	}

	@Test
	void ipv6LiteralsGoInBrackets() {
		Host host = TransportUrl.parse("rabbit://guest:guest@[::1]:5673/").hosts().get(0);
		assertThat(host.hostname()).isEqualTo("::1");
		assertThat(host.port()).isEqualTo(5673);
		assertThat(host).hasToString("guest:****@[::1]:5673");
	}

	@Test
	void queryOptionsAreParsedAndRepeatedKeysJoinedWithCommas() {
		TransportUrl url = TransportUrl.parse("rabbit://h/?amqp_durable_queues=true&x=1&x=2");
		assertThat(url.query()).isEqualTo(Map.of("amqp_durable_queues", "true", "x", "1,2"));
	}

	@Test
	void theDriverIsTheSchemeUpToThePlus() {
		assertThat(TransportUrl.parse("kombu+memory:////").driver()).isEqualTo("kombu");
	}

	@Test
	void toStringNeverShowsPasswords() {
		TransportUrl url = TransportUrl.parse("rabbit://admin:s3cret@h1:5672,bob:hunter2@h2/prod");
		assertThat(url.toString()).isEqualTo("rabbit://admin:****@h1:5672,bob:****@h2/prod").doesNotContain("s3cret",
				"hunter2");
	}

	@Test
	void parseErrorsNeverShowPasswords() {
		assertThatExceptionOfType(InvalidTransportUrlException.class)
			.isThrownBy(() -> TransportUrl.parse("rabbit://admin:s3cret@h1:notaport/"))
			.withMessageContaining("notaport")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void aUrlWithoutSchemeIsRefused() {
		assertThatExceptionOfType(InvalidTransportUrlException.class).isThrownBy(() -> TransportUrl.parse("localhost:5672"));
	}

	@Test
	void equalUrlsAreEqual() {
		assertThat(TransportUrl.parse("rabbit://a:b@h/v")).isEqualTo(TransportUrl.parse("rabbit://a:b@h/v"));
		assertThat(List.of(TransportUrl.parse("fake://"))).doesNotContain(TransportUrl.parse("rabbit://"));
	}

}
