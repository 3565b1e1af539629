package io.oslo4j.messaging.transport.rabbit;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;

import javax.net.ssl.SSLHandshakeException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;

import org.jspecify.annotations.Nullable;

/**
 * Reads the broker's reason out of the exceptions amqp-client raises when it closes a channel or
 * connection, and explains failed TLS handshakes.
 */
final class BrokerErrors {

	/** The reply code of a publish or declaration that names a missing exchange or queue. */
	static final int NOT_FOUND = AMQP.NOT_FOUND;

	/** The deprecated feature of RabbitMQ 4 that an operator may deny: 14.0.3's reply and fanout queues. */
	private static final String TRANSIENT_QUEUES_DENIED = "transient_nonexcl_queues";

	private BrokerErrors() {
	}

	/** The shutdown signal in a cause chain, or null. */
	private static @Nullable ShutdownSignalException shutdownSignal(@Nullable Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ShutdownSignalException signal) {
				return signal;
			}
		}
		return null;
	}

	/**
	 * Whether the broker closed the channel because it refused what it was asked for, in a way that
	 * asking again cannot change: a message too large ({@code 406} in RabbitMQ, {@code 311} in the
	 * specification), a resource this user may not use ({@code 403}), a declaration that contradicts
	 * what exists ({@code 406}), a non-durable queue on a broker that denies them ({@code 541}).
	 */
	static boolean refused(@Nullable Throwable error) {
		int code = replyCode(error);
		return code == AMQP.PRECONDITION_FAILED || code == AMQP.ACCESS_REFUSED || code == AMQP.CONTENT_TOO_LARGE
				|| (code == AMQP.INTERNAL_ERROR && describe(error).contains(TRANSIENT_QUEUES_DENIED));
	}

	/** The AMQP reply code that closed the channel or connection, or 0. */
	static int replyCode(@Nullable Throwable error) {
		Method reason = closeReason(error);
		if (reason instanceof AMQP.Channel.Close close) {
			return close.getReplyCode();
		}
		return (reason instanceof AMQP.Connection.Close close) ? close.getReplyCode() : 0;
	}

	/**
	 * The broker's explanation, such as {@code PRECONDITION_FAILED - inequivalent arg 'durable' ...},
	 * or what went wrong in a TLS handshake.
	 */
	static String describe(@Nullable Throwable error) {
		String tls = tlsFailure(error);
		if (tls != null) {
			return tls;
		}
		Method reason = closeReason(error);
		if (reason instanceof AMQP.Channel.Close close) {
			return close.getReplyText();
		}
		if (reason instanceof AMQP.Connection.Close close) {
			return close.getReplyText();
		}
		if (error == null) {
			return "unknown error";
		}
		String login = loginFailure(error);
		if (login != null) {
			return login;
		}
		return (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName();
	}

	/** What it means that the broker offers no mechanism the client can log in with, or null. */
	private static @Nullable String loginFailure(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && message.startsWith("No compatible authentication mechanism found")) {
				return message + ": the broker does not offer the SASL mechanism of rabbit_login_method; list it in "
						+ "auth_mechanisms of its rabbitmq.conf (EXTERNAL also needs the rabbitmq_auth_mechanism_ssl "
						+ "plugin), or choose one it offers";
			}
		}
		return null;
	}

	/** What a failed TLS handshake in a cause chain means for the user, or null without one. */
	private static @Nullable String tlsFailure(@Nullable Throwable error) {
		SSLHandshakeException handshake = find(error, SSLHandshakeException.class);
		if (handshake == null) {
			return null;
		}
		String detail = handshake.getMessage();
		if (find(handshake, CertPathBuilderException.class) != null
				|| find(handshake, CertPathValidatorException.class) != null) {
			return "TLS handshake with the broker failed: its certificate is not trusted (no CA of ssl_ca_file, or of "
					+ "the JVM's trust store without it, vouches for it, or it expired): " + detail;
		}
		if (detail != null && (detail.startsWith("No subject alternative") || detail.startsWith("No name matching"))) {
			return "TLS handshake with the broker failed: its certificate is not for the host name the URL gives: "
					+ detail;
		}
		if (detail != null && detail.contains("certificate_required")) {
			return "TLS handshake with the broker failed: it requires a client certificate (" + detail + "): set "
					+ "ssl_cert_file and ssl_key_file";
		}
		return "TLS handshake with the broker failed: " + detail;
	}

	private static <T extends Throwable> @Nullable T find(@Nullable Throwable error, Class<T> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static @Nullable Method closeReason(@Nullable Throwable error) {
		ShutdownSignalException signal = shutdownSignal(error);
		return (signal != null) ? signal.getReason() : null;
	}

	/** Why a declaration failed, with the likely fix when the broker found other flags (406). */
	static String declarationFailed(Declaration declaration, Throwable error) {
		String reason = describe(error);
		String text = "cannot declare " + declaration + ": " + reason;
		if (reason.contains(TRANSIENT_QUEUES_DENIED)) {
			// RabbitMQ 4 answers 541 INTERNAL_ERROR and closes the connection
			text = "cannot declare " + declaration + ": this broker does not permit queues that are neither durable "
					+ "nor exclusive (its deprecated feature " + TRANSIENT_QUEUES_DENIED + " is denied); set "
					+ "rabbit_transient_quorum_queue=true for the reply and fanout queues, and rabbit_quorum_queue=true "
					+ "(or amqp_durable_queues=true) for the topic, server and notification queues, on every peer. "
					+ "The broker said: " + reason;
		}
		else if (replyCode(error) == AMQP.PRECONDITION_FAILED) {
			text += " (another peer declared it with other flags or arguments: amqp_durable_queues, amqp_auto_delete, "
					+ "rabbit_ha_queues, rabbit_quorum_queue, rabbit_transient_quorum_queue, rabbit_stream_fanout and "
					+ "rabbit_transient_queues_ttl must match on every peer)";
		}
		return text;
	}

}
