package io.oslo4j.messaging.rpc;

import java.time.Duration;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessageRefusedException;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.TransportDriver;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.RpcReply;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

/**
 * Encodes and publishes a server's replies and call-monitor heartbeats. A reply that cannot be
 * published (its caller is gone, or the broker refused it) is logged and dropped, as oslo does:
 * the caller then times out.
 *
 * <p>Every reply, heartbeat and failure reply goes to an {@link Address}, and only
 * {@link #address} makes one, after the {@link ReplyAddressRule}: so a request can never make the
 * server publish somewhere that is not a reply address, whichever path its answer takes.
 */
final class ReplyPublisher {

	private static final Logger logger = LoggerFactory.getLogger(ReplyPublisher.class);

	private final TransportDriver driver;

	private final Envelope envelope;

	private final ReplyAddressRule rule;

	ReplyPublisher(TransportDriver driver, Envelope envelope, ReplyAddressRule rule) {
		this.driver = driver;
		this.envelope = envelope;
		this.rule = rule;
	}

	/**
	 * Where to answer a call, if the rule lets the server answer there.
	 * @param method the request's method, for the log of a refusal; null when unknown
	 * @return the address, or null when the reply queue is not a reply address (the refusal is
	 * counted and logged)
	 */
	@Nullable Address address(String replyQueue, String msgId, @Nullable String method) {
		return this.rule.permits(replyQueue, method) ? new Address(replyQueue, msgId) : null;
	}

	/** How many reply addresses were refused. */
	long refused() {
		return this.rule.refused();
	}

	Mono<Void> success(Address to, JsonNode result) {
		return send(to, RpcReply.success(to.msgId, result));
	}

	Mono<Void> failure(Address to, Throwable failure) {
		return send(to,
				RpcReply.failure(this.envelope.mapper(), to.msgId, FailureEncoder.encode(failure, this.envelope.mapper())));
	}

	/**
	 * Starts sending heartbeats for a call whose caller set a call-monitor timeout: every
	 * {@code int(timeout) / 2} seconds, as oslo does, and none when that is under a second.
	 * @return what stops them
	 */
	Disposable heartbeats(Address to, double callMonitorTimeout, Scheduler scheduler) {
		double intervalSeconds = Math.floor(callMonitorTimeout) / 2;
		if (intervalSeconds < 1) {
			logger.warn("Call-monitor timeout {} s of call {} is below 2 s: no heartbeats are sent", callMonitorTimeout,
					to.msgId);
			return Disposables.disposed();
		}
		Duration interval = Duration.ofMillis((long) (intervalSeconds * 1000));
		return Flux.interval(interval, interval, scheduler)
			.concatMap((tick) -> this.driver.sendReply(to.queue, message(RpcReply.heartbeat(to.msgId))))
			.subscribe(null, (error) -> logger.debug("Heartbeat for call {} stopped: {}", to.msgId, error.toString()));
	}

	private Mono<Void> send(Address to, RpcReply reply) {
		return Mono.defer(() -> this.driver.sendReply(to.queue, message(reply)))
			.onErrorResume((error) -> {
				if (error instanceof MessageDeliveryFailureException && !(error instanceof MessageRefusedException)) {
					// a reply queue found missing: the transport counts these and logs them once per queue
					logger.debug("Reply to call {} on {} dropped: {}", reply.msgId(), to.queue, error.toString());
				}
				else {
					logger.warn("Reply to call {} on {} dropped: {}", reply.msgId(), to.queue, error.toString());
				}
				return Mono.empty();
			});
	}

	private OutgoingMessage message(RpcReply reply) {
		return new OutgoingMessage(this.envelope.wrap(reply), null, true);
	}

	/** A call's reply queue and id, once the rule has let it through; made by {@link #address} only. */
	static final class Address {

		private final String queue;

		private final String msgId;

		private Address(String queue, String msgId) {
			this.queue = queue;
			this.msgId = msgId;
		}

	}

}
