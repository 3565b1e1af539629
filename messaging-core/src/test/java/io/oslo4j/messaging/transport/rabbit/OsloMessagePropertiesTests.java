package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;

import io.oslo4j.messaging.transport.OutgoingMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OsloMessagePropertiesTests {

	@Test
	void theExpirationIsTheTimeoutInWholeMilliseconds() {
		assertThat(expiration(Duration.ofSeconds(60))).isEqualTo("60000");
		assertThat(expiration(Duration.ofMillis(1500))).isEqualTo("1500");
		assertThat(expiration(Duration.ZERO)).isEqualTo("0");
	}

	@Test
	void aNegativeTimeoutExpiresAtOnceRatherThanBreakingTheChannel() {
		assertThat(expiration(Duration.ofSeconds(-1))).isEqualTo("0");
	}

	@Test
	void withoutTimeoutThereIsNoExpiration() {
		assertThat(OsloMessageProperties.of(OutgoingMessage.of(new byte[0])).getExpiration()).isNull();
	}

	private static String expiration(Duration timeout) {
		return OsloMessageProperties.of(new OutgoingMessage(new byte[0], timeout, false)).getExpiration();
	}

}
