package io.oslo4j.messaging.transport.rabbit;

import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.SaslConfig;

/**
 * The SASL mechanism of oslo's {@code rabbit_login_method}: {@code AMQPLAIN} (oslo's default),
 * {@code PLAIN}, or {@code EXTERNAL}, where the broker takes the user from the client certificate
 * ({@code ssl_cert_file}) and the URL's credentials are not sent. The broker must offer the
 * mechanism ({@code auth_mechanisms} in {@code rabbitmq.conf}; EXTERNAL needs the
 * {@code rabbitmq_auth_mechanism_ssl} plugin), or the connection is refused.
 */
final class LoginMethods {

	private LoginMethods() {
	}

	/** @param loginMethod one of oslo's names; {@link RabbitOptions} refused the others */
	static SaslConfig saslConfig(String loginMethod) {
		return switch (loginMethod) {
			case "PLAIN" -> DefaultSaslConfig.PLAIN;
			case "EXTERNAL" -> DefaultSaslConfig.EXTERNAL;
			case AmqplainMechanism.NAME -> AmqplainMechanism.CONFIG;
			default -> throw new IllegalArgumentException("rabbit_login_method " + loginMethod
					+ " has no SASL mechanism here; use AMQPLAIN, PLAIN or EXTERNAL");
		};
	}

}
