package io.oslo4j.messaging.rpc;

import java.time.Duration;

import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.TransportDriver;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.RpcReply;

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
 */
final class ReplyPublisher {

	private static final Logger logger = LoggerFactory.getLogger(ReplyPublisher.class);

	private final TransportDriver driver;

	private final Envelope envelope;

	ReplyPublisher(TransportDriver driver, Envelope envelope) {
		this.driver = driver;
		this.envelope = envelope;
	}

	Mono<Void> success(String replyQueue, String msgId, JsonNode result) {
		return send(replyQueue, RpcReply.success(msgId, result));
	}

	Mono<Void> failure(String replyQueue, String msgId, Throwable failure) {
		return send(replyQueue,
				RpcReply.failure(this.envelope.mapper(), msgId, FailureEncoder.encode(failure, this.envelope.mapper())));
	}

	/**
	 * Starts sending heartbeats for a call whose caller set a call-monitor timeout: every
	 * {@code int(timeout) / 2} seconds, as oslo does, and none when that is under a second.
	 * @return what stops them
	 */
	Disposable heartbeats(String replyQueue, String msgId, double callMonitorTimeout, Scheduler scheduler) {
		double intervalSeconds = Math.floor(callMonitorTimeout) / 2;
		if (intervalSeconds < 1) {
			logger.warn("Call-monitor timeout {} s of call {} is below 2 s: no heartbeats are sent", callMonitorTimeout,
					msgId);
			return Disposables.disposed();
		}
		Duration interval = Duration.ofMillis((long) (intervalSeconds * 1000));
		return Flux.interval(interval, interval, scheduler)
			.concatMap((tick) -> this.driver.sendReply(replyQueue, message(RpcReply.heartbeat(msgId))))
			.subscribe(null, (error) -> logger.debug("Heartbeat for call {} stopped: {}", msgId, error.toString()));
	}

	private Mono<Void> send(String replyQueue, RpcReply reply) {
		return Mono.defer(() -> this.driver.sendReply(replyQueue, message(reply)))
			.onErrorResume((error) -> {
				logger.warn("Reply to call {} on {} dropped: {}", reply.msgId(), replyQueue, error.toString());
				return Mono.empty();
			});
	}

	private OutgoingMessage message(RpcReply reply) {
		return new OutgoingMessage(this.envelope.wrap(reply.toJson(this.envelope.mapper())), null, true);
	}

}
