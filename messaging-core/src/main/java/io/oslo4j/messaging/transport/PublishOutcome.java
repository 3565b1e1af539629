package io.oslo4j.messaging.transport;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Where a publish that a driver wrote at once reports how it ended
 * ({@link TransportDriver#trySendRequestNow}): it is told once that it is published or that it
 * failed, perhaps after {@link #continueWith} (the driver's own second attempt), never on a thread
 * of the broker client's that must not block (rabbit: on the driver's publisher-confirm thread, or
 * on the writer's own thread when the write itself failed), unless the outcome says that its
 * {@link #published()} may be ({@link #publishedInline()}). The plain-object form of
 * a publish's {@code Mono<Void>}, for the path of nearly every call, which then allocates no
 * operator.
 *
 * @since 0.3
 */
public interface PublishOutcome {

	/** The broker has the message (publisher confirm). */
	void published();

	/**
	 * Whether {@link #published()} may be told on the broker client's own I/O thread, at once,
	 * where nothing may block nor wait: true for an outcome that only keeps its own books and runs
	 * no code of anyone else's (a call, which goes on waiting for its reply). By default false:
	 * the driver's confirm thread tells it. Failures are always told there.
	 */
	default boolean publishedInline() {
		return false;
	}

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
