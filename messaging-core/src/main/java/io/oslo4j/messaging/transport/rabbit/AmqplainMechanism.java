package io.oslo4j.messaging.transport.rabbit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.LongString;
import com.rabbitmq.client.SaslConfig;
import com.rabbitmq.client.SaslMechanism;
import com.rabbitmq.client.impl.LongStringHelper;

import org.jspecify.annotations.Nullable;

/**
 * RabbitMQ's {@code AMQPLAIN} mechanism, oslo's default {@code rabbit_login_method}, which
 * amqp-client does not offer: the user name and password as an AMQP field table
 * {@code {LOGIN: <user>, PASSWORD: <password>}} without the table's length prefix, byte for byte as
 * py-amqp's {@code sasl.AMQPLAIN} writes it.
 */
final class AmqplainMechanism implements SaslMechanism {

	static final String NAME = "AMQPLAIN";

	/** Chooses AMQPLAIN when the broker offers it, and nothing else. */
	static final SaslConfig CONFIG = (serverMechanisms) -> {
		for (String mechanism : serverMechanisms) {
			if (NAME.equals(mechanism)) {
				return new AmqplainMechanism();
			}
		}
		return null;
	};

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public LongString handleChallenge(@Nullable LongString challenge, String username, String password) {
		ByteArrayOutputStream table = new ByteArrayOutputStream();
		writeEntry(table, "LOGIN", username);
		writeEntry(table, "PASSWORD", password);
		return LongStringHelper.asLongString(table.toByteArray());
	}

	/** A table entry: the key as a short string, then {@code S} and the value as a long string. */
	private static void writeEntry(ByteArrayOutputStream table, String key, String value) {
		byte[] name = key.getBytes(StandardCharsets.UTF_8);
		byte[] text = value.getBytes(StandardCharsets.UTF_8);
		table.write(name.length);
		table.writeBytes(name);
		table.write('S');
		table.writeBytes(ByteBuffer.allocate(4).putInt(text.length).array());
		table.writeBytes(text);
	}

}
