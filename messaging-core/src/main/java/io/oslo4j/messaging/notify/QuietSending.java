package io.oslo4j.messaging.notify;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends notifications as oslo's notifier does, for a {@link Notifier} and its copies: a failed
 * send is never thrown but logged at ERROR and counted. The caller waits for the broker, unless
 * it runs on a non-blocking Reactor thread, where waiting is not allowed: there the send starts
 * and the caller goes on.
 */
final class QuietSending {

	/** The notifier's logger, where applications have always found dropped notifications. */
	private static final Logger logger = LoggerFactory.getLogger(Notifier.class);

	private final AtomicLong failures = new AtomicLong();

	void send(Mono<Void> sending, Priority priority, String eventType, @Nullable String publisherId) {
		Mono<Void> quiet = sending.onErrorResume((ex) -> {
			this.failures.incrementAndGet();
			logger.error("Notification {} at priority {} from {} was not sent and is dropped", eventType,
					priority.wireName(), publisherId, ex);
			return Mono.empty();
		});
		if (Schedulers.isInNonBlockingThread()) {
			quiet.subscribe();
		}
		else {
			quiet.block();
		}
	}

	/** How many sends failed, since this was made. */
	long failures() {
		return this.failures.get();
	}

}
