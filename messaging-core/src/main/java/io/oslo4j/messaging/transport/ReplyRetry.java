package io.oslo4j.messaging.transport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessageUndeliverableException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * oslo's handling of a reply whose reply queue is missing ({@code amqpdriver.py}), made safe
 * against many replies to one vanished caller. While the broker returns a mandatory reply as
 * unroutable, the reply is held here and its publish returns at once, so a reply being retried
 * holds neither the request's in-flight slot nor a reply-scheduler thread.
 *
 * <p>Held replies are coalesced per reply queue: one probe at a time (the oldest reply, every
 * 250 ms, as oslo retries), the others waiting behind it. When a probe goes through, the queue is
 * back and the waiting replies follow it; when the queue has been missing for
 * {@code kombu_missing_consumer_retry_timeout}, every reply held for it is dropped and the queue is
 * taken for gone: for the next 60 s, replies to it (up to 200 such queues) are dropped at once. At
 * most {@link #MAX_HELD} replies are held over all queues; a reply past that is dropped at once.
 * Drops are counted ({@link #counts()}) and logged once per queue. One instance per driver.
 *
 * @since 0.1
 */
public final class ReplyRetry {

	/** oslo's interval between two attempts. */
	public static final Duration INTERVAL = Duration.ofMillis(250);

	/** How long a given-up reply queue stays given up. */
	public static final Duration OBSOLETE_FOR = Duration.ofSeconds(60);

	/** How many replies are held for retry at most, over all missing reply queues. */
	public static final int MAX_HELD = 1000;

	private static final Logger logger = LoggerFactory.getLogger(ReplyRetry.class);

	private final Duration timeout;

	private final int maxHeld;

	private final Scheduler scheduler;

	private final Map<String, Missing> missing = new HashMap<>();

	private final ForgottenReplyQueues forgotten = new ForgottenReplyQueues(OBSOLETE_FOR);

	private final AtomicLong probes = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private int held;

	private boolean disposed;

	/** @param timeout how long to keep trying a reply: {@code kombu_missing_consumer_retry_timeout} */
	public ReplyRetry(Duration timeout) {
		this(timeout, MAX_HELD, Schedulers.parallel());
	}

	/**
	 * @param timeout how long to keep trying a reply: {@code kombu_missing_consumer_retry_timeout}
	 * @param maxHeld how many replies to hold for retry at most
	 * @param scheduler what times the probes and tells the time
	 */
	public ReplyRetry(Duration timeout, int maxHeld, Scheduler scheduler) {
		this.timeout = timeout;
		this.maxHeld = maxHeld;
		this.scheduler = scheduler;
	}

	/**
	 * Publishes a reply, holding it for retry while it fails with
	 * {@link MessageUndeliverableException}.
	 * @param publish the publish, subscribed again for each attempt
	 * @param replyQueue the reply queue
	 * @return completes once the reply is published or held for retry; fails with
	 * {@link MessageDeliveryFailureException} at once when the queue was given up less than 60 s ago
	 * or too many replies are held; other errors of the publish pass through at once
	 */
	public Mono<Void> retrying(Mono<Void> publish, String replyQueue) {
		return Mono.defer(() -> {
			Mono<Void> refusal = holdBehindProbe(publish, replyQueue, false);
			if (refusal != null) {
				return refusal;
			}
			return publish.onErrorResume(MessageUndeliverableException.class, (returned) -> {
				Mono<Void> outcome = holdBehindProbe(publish, replyQueue, true);
				return (outcome != null) ? outcome : Mono.empty();
			});
		});
	}

	/** What was probed, held and dropped so far. */
	public Counts counts() {
		synchronized (this) {
			return new Counts(this.probes.get(), this.held, this.dropped.get());
		}
	}

	/** Drops every reply held for retry, without logging each; for a driver that closes. */
	public void dispose() {
		List<Missing> all;
		synchronized (this) {
			this.disposed = true;
			all = new ArrayList<>(this.missing.values());
			this.missing.clear();
			for (Missing queue : all) {
				this.dropped.addAndGet(queue.waiting.size());
				this.held -= queue.waiting.size();
			}
		}
		all.forEach((queue) -> queue.timer.dispose());
	}

	/**
	 * Holds a reply behind its queue's probe, when the queue is known missing, or when
	 * {@code returned} (its publish just came back); starts the probe of a newly missing queue.
	 * @return null when the reply must be published; empty when it is held; an error when dropped
	 */
	private @Nullable Mono<Void> holdBehindProbe(Mono<Void> publish, String replyQueue, boolean returned) {
		Missing started = null;
		synchronized (this) {
			if (this.forgotten.isGivenUp(replyQueue, now())) {
				this.dropped.incrementAndGet();
				return Mono.error(new MessageDeliveryFailureException("reply queue " + replyQueue
						+ " was found missing less than " + OBSOLETE_FOR.toSeconds() + " s ago; reply dropped", null));
			}
			Missing queue = this.missing.get(replyQueue);
			if (queue == null && !returned) {
				return null;
			}
			if (this.held >= this.maxHeld || this.disposed) {
				this.dropped.incrementAndGet();
				if (this.forgotten.firstOverflow(replyQueue)) {
					logger.warn("Replies to {} dropped: {} replies are already held for missing reply queues "
							+ "(their callers are gone); further drops for this queue are counted, not logged",
							replyQueue, this.held);
				}
				return Mono.error(new MessageDeliveryFailureException("reply queue " + replyQueue + " is missing and "
						+ this.held + " replies are already held for retry; reply dropped", null));
			}
			if (queue == null) {
				queue = new Missing(replyQueue, now() + this.timeout.toMillis());
				this.missing.put(replyQueue, queue);
				started = queue;
			}
			queue.waiting.addLast(publish);
			this.held++;
		}
		if (started != null) {
			scheduleProbe(started);
		}
		return Mono.empty();
	}

	private void scheduleProbe(Missing queue) {
		if (now() >= queue.deadline) {
			giveUp(queue);
			return;
		}
		queue.timer = this.scheduler.schedule(() -> probe(queue), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void probe(Missing queue) {
		Mono<Void> oldest;
		synchronized (this) {
			oldest = (this.missing.get(queue.name) == queue) ? queue.waiting.peekFirst() : null;
		}
		if (oldest == null) {
			return;
		}
		this.probes.incrementAndGet();
		oldest.subscribe(null, (error) -> probeFailed(queue, error), () -> found(queue));
	}

	private void found(Missing queue) {
		List<Mono<Void>> following;
		synchronized (this) {
			if (this.missing.remove(queue.name) != queue) {
				return;
			}
			this.held -= queue.waiting.size();
			queue.waiting.pollFirst();
			following = new ArrayList<>(queue.waiting);
		}
		logger.info("Reply queue {} is back; {} replies held for it follow", queue.name, following.size());
		following.forEach((publish) -> retrying(publish, queue.name).subscribe(null,
				(error) -> logger.debug("Reply to {} dropped: {}", queue.name, error.toString())));
	}

	private void probeFailed(Missing queue, Throwable error) {
		boolean more;
		synchronized (this) {
			if (this.missing.get(queue.name) != queue) {
				return;
			}
			if (!(error instanceof MessageUndeliverableException)) {
				// Not a missing queue: this reply cannot go (refused, closed transport); the next may.
				queue.waiting.pollFirst();
				this.held--;
				this.dropped.incrementAndGet();
				logger.debug("Reply to {} dropped: {}", queue.name, error.toString());
			}
			more = !queue.waiting.isEmpty();
			if (!more) {
				this.missing.remove(queue.name);
			}
		}
		if (more) {
			scheduleProbe(queue);
		}
	}

	private void giveUp(Missing queue) {
		int count;
		synchronized (this) {
			if (this.missing.remove(queue.name) != queue) {
				return;
			}
			count = queue.waiting.size();
			this.held -= count;
			this.dropped.addAndGet(count);
			this.forgotten.giveUp(queue.name, now());
		}
		logger.warn("Reply queue {} is still missing after {} ms (kombu_missing_consumer_retry_timeout): {} replies "
				+ "held for it are dropped, and replies to it are dropped at once for {} s; its callers are gone",
				queue.name, this.timeout.toMillis(), count, OBSOLETE_FOR.toSeconds());
	}

	private long now() {
		return this.scheduler.now(TimeUnit.MILLISECONDS);
	}

	/**
	 * What a {@link ReplyRetry} did so far.
	 * @param probes publishes of a held reply, one at a time per missing queue
	 * @param held replies held for retry now
	 * @param dropped replies dropped: their queue given up, too many held, or the driver closed
	 */
	public record Counts(long probes, int held, long dropped) {
	}

	/** A reply queue found missing, and the replies held for it, oldest first. */
	private static final class Missing {

		private final String name;

		private final long deadline;

		private final Deque<Mono<Void>> waiting = new ArrayDeque<>();

		private volatile Disposable timer = Disposables.disposed();

		private Missing(String name, long deadline) {
			this.name = name;
			this.deadline = deadline;
		}

	}

}
