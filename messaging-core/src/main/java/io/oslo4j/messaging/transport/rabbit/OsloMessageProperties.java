package io.oslo4j.messaging.transport.rabbit;

import java.time.Duration;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.wire.Compression;
import io.oslo4j.messaging.wire.Envelope;

import org.jspecify.annotations.Nullable;

/**
 * The AMQP properties of every oslo publish (reference 2.4), as kombu writes them: content type
 * exactly {@code application/json}, encoding {@code utf-8}, persistent, priority 0, an empty header
 * table (with {@code compression} only when {@code kombu_compression} is set), and an expiration in
 * milliseconds on call requests only. Nothing else: no message id, correlation id, reply-to, type
 * or timestamp, since oslo carries all of that in the body.
 */
final class OsloMessageProperties {

	private static final AMQP.BasicProperties WITHOUT_EXPIRATION = builder().build();

	private OsloMessageProperties() {
	}

	static AMQP.BasicProperties of(OutgoingMessage message) {
		Duration expiration = message.expiration();
		if (expiration == null) {
			return WITHOUT_EXPIRATION;
		}
		return builder().expiration(Long.toString(Math.max(0, expiration.toMillis()))).build();
	}

	/** @param compression the content type the body is compressed with, or null */
	static AMQP.BasicProperties of(OutgoingMessage message, @Nullable String compression) {
		if (compression == null) {
			return of(message);
		}
		AMQP.BasicProperties.Builder builder = builder().headers(Map.of(Compression.HEADER, compression));
		Duration expiration = message.expiration();
		if (expiration != null) {
			builder.expiration(Long.toString(Math.max(0, expiration.toMillis())));
		}
		return builder.build();
	}

	private static AMQP.BasicProperties.Builder builder() {
		return new AMQP.BasicProperties.Builder().contentType(Envelope.CONTENT_TYPE)
			.contentEncoding(Envelope.CONTENT_ENCODING)
			.headers(Map.of())
			.deliveryMode(2)
			.priority(0);
	}

}
