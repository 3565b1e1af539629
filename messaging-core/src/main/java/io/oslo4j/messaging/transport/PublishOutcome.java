package io.oslo4j.messaging.transport;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Where a publish that a driver wrote at once reports how it ended
 * ({@link TransportDriver#trySendRequestNow}): one of its methods is called, once, never on a
 * thread of the broker client's that must not block (rabbit: on the driver's publisher-confirm
 * thread, or on the writer's own thread when the write itself failed). The plain-object form of
 * a publish's {@code Mono<Void>}, for the path of nearly every call, which then allocates no
 * operator.
 *
 * @since 0.3
 */
public interface PublishOutcome {

	/** The broker has the message (publisher confirm). */
	void published();

	/**
	 * The publish failed, with what its {@code Mono} would have failed with
	 * ({@link TransportDriver#sendRequest}).
	 */
	void failed(Throwable failure);

	/**
	 * The write failed in a way the driver answers by trying again itself (rabbit: a channel lost
	 * before its confirm is published once more): {@code rest} is that, and its outcome is the
	 * publish's. By default it is subscribed and reports here; a caller that may cancel subscribes
	 * it itself, so that the cancellation reaches it.
	 */
	default void continueWith(Mono<Void> rest) {
		rest.subscribe(null, this::failed, this::published);
	}

	/** The outcome that completes a sink, for the {@code Mono} of a publish. */
	static PublishOutcome of(MonoSink<Void> sink) {
		return new PublishOutcome() {

			@Override
			public void published() {
				sink.success();
			}

			@Override
			public void failed(Throwable failure) {
				sink.error(failure);
			}

		};
	}

}
