package io.oslo4j.messaging.transport.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;

import org.jspecify.annotations.Nullable;

/** Reads the broker's reason out of the exceptions amqp-client raises when it closes a channel. */
final class BrokerErrors {

	/** The reply code of a publish or declaration that names a missing exchange or queue. */
	static final int NOT_FOUND = AMQP.NOT_FOUND;

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

	/** The AMQP reply code that closed the channel or connection, or 0. */
	static int replyCode(@Nullable Throwable error) {
		Method reason = closeReason(error);
		if (reason instanceof AMQP.Channel.Close close) {
			return close.getReplyCode();
		}
		return (reason instanceof AMQP.Connection.Close close) ? close.getReplyCode() : 0;
	}

	/** The broker's explanation, such as {@code PRECONDITION_FAILED - inequivalent arg 'durable' ...}. */
	static String describe(@Nullable Throwable error) {
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
		return (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName();
	}

	private static @Nullable Method closeReason(@Nullable Throwable error) {
		ShutdownSignalException signal = shutdownSignal(error);
		return (signal != null) ? signal.getReason() : null;
	}

	/** Why a declaration failed, with the likely fix when the broker found other flags (406). */
	static String declarationFailed(Declaration declaration, Throwable error) {
		String text = "cannot declare " + declaration + ": " + describe(error);
		if (replyCode(error) == AMQP.PRECONDITION_FAILED) {
			text += " (another peer declared it with other flags or arguments: amqp_durable_queues, amqp_auto_delete, "
					+ "rabbit_ha_queues, rabbit_quorum_queue and rabbit_transient_queues_ttl must match on every peer)";
		}
		return text;
	}

}
