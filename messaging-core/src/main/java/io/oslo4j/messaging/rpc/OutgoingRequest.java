package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.PublishOutcome;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A request ready to publish to its target, with its retry ({@link CallOptions#retry()}), and the
 * ways it goes: written at once without a {@code Mono} when the driver can
 * ({@link #tryNow}), the call's common case, or as a {@code Mono} retried by the transport
 * ({@link #publish()}); a first attempt that failed goes on with the same retry, so that a
 * publish is retried alike whichever way it began.
 */
final class OutgoingRequest {

	private final Transport transport;

	private final Target target;

	private final OutgoingMessage message;

	private final @Nullable Integer retry;

	OutgoingRequest(Transport transport, Target target, OutgoingMessage message, @Nullable Integer retry) {
		this.transport = transport;
		this.target = target;
		this.message = message;
		this.retry = retry;
	}

	/**
	 * Writes the request now if the driver can without waiting
	 * ({@link io.oslo4j.messaging.transport.TransportDriver#trySendRequestNow}); its outcome then
	 * comes to {@code outcome}, whose failures are first attempts: see {@link #retryAfter} and
	 * {@link #continuing}.
	 * @return false, having done nothing, when {@link #publish()} is the way
	 */
	boolean tryNow(PublishOutcome outcome) {
		return this.transport.driver().trySendRequestNow(this.target, this.message, outcome);
	}

	/** The publish with its retry, on subscription. */
	Mono<Void> publish() {
		return this.transport.retryingPublish(attempt(), this.retry);
	}

	/**
	 * What follows a first attempt that failed with {@code first}: the retries, or null when the
	 * failure is final as it is (not worth retrying, or no retry).
	 */
	@Nullable Mono<Void> retryAfter(Throwable first) {
		return Transport.retriesAfterFirst(first, this.retry) ? this.transport.retryingAfter(first, attempt(), this.retry)
				: null;
	}

	/** The rest of a first attempt that the driver goes on with ({@link PublishOutcome#continueWith}), then the retries. */
	Mono<Void> continuing(Mono<Void> rest) {
		return this.transport.retryingPublish(rest, attempt(), this.retry);
	}

	private Mono<Void> attempt() {
		return this.transport.driver().sendRequest(this.target, this.message);
	}

}
