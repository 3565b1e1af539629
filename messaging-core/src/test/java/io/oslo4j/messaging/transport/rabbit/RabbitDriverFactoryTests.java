package io.oslo4j.messaging.transport.rabbit;

import io.oslo4j.messaging.InvalidTransportUrlException;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RabbitDriverFactoryTests {

	@Test
	void rabbitAndKombuUrlsOpenARabbitDriverWithoutConnecting() {
		try (Transport rabbit = Transport.open("rabbit://nowhere.invalid:5672/");
				Transport kombu = Transport.open("kombu://nowhere.invalid/?control_exchange=nova")) {
			assertThat(rabbit.driver()).isInstanceOf(RabbitDriver.class);
			assertThat(rabbit.driver().controlExchange()).isEqualTo("openstack");
			assertThat(rabbit.driver().isConnected()).isFalse();
			assertThat(kombu.driver()).isInstanceOf(RabbitDriver.class);
			assertThat(kombu.driver().controlExchange()).isEqualTo("nova");
		}
	}

	@Test
	void theFakeDriverIsStillServed() {
		try (Transport fake = Transport.open("fake://")) {
			assertThat(fake.driver()).isNotInstanceOf(RabbitDriver.class);
		}
	}

	@Test
	void aBadOptionFailsWhenTheTransportOpens() {
		assertThatThrownBy(() -> Transport.open("rabbit://localhost/?rabbit_qos_prefetch=1"))
			.isInstanceOf(InvalidTransportUrlException.class)
			.hasMessageContaining("rabbit_qos_prefetch");
	}

	@Test
	void theFactoryServesRabbitAndKombuOnly() {
		RabbitDriverFactory factory = new RabbitDriverFactory();

		assertThat(factory.supports("rabbit")).isTrue();
		assertThat(factory.supports("kombu")).isTrue();
		assertThat(factory.supports("amqp")).isFalse();
		assertThat(factory.supports("fake")).isFalse();
	}

}
