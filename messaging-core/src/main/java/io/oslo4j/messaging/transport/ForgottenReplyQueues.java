package io.oslo4j.messaging.transport;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ReplyRetry} remembers of reply queues beyond the replies it holds: the queues given
 * up (for {@link ReplyRetry#OBSOLETE_FOR}), and those whose overflow drops were logged already, at
 * most 200 of each, the oldest forgotten first. Not thread-safe: its owner's lock guards it.
 */
final class ForgottenReplyQueues {

	private static final int REMEMBERED_QUEUES = 200;

	private final Duration obsoleteFor;

	private final Map<String, Long> givenUpSince = lru();

	private final Set<String> overflowLogged = Collections.newSetFromMap(lru());

	/** @param obsoleteFor how long a given-up queue stays given up */
	ForgottenReplyQueues(Duration obsoleteFor) {
		this.obsoleteFor = obsoleteFor;
	}

	/** Marks a queue given up from now on. */
	void giveUp(String replyQueue, long nowMillis) {
		this.givenUpSince.put(replyQueue, nowMillis);
	}

	/** Whether the queue was given up less than the obsolete time ago; forgets it once that is over. */
	boolean isGivenUp(String replyQueue, long nowMillis) {
		Long since = this.givenUpSince.get(replyQueue);
		if (since == null) {
			return false;
		}
		if (nowMillis - since >= this.obsoleteFor.toMillis()) {
			this.givenUpSince.remove(replyQueue);
			this.overflowLogged.remove(replyQueue);
			return false;
		}
		return true;
	}

	/** Whether this is the first overflow drop of the queue, which is logged; later ones are counted only. */
	boolean firstOverflow(String replyQueue) {
		return this.overflowLogged.add(replyQueue);
	}

	private static <V> Map<String, V> lru() {
		return new LinkedHashMap<>(16, 0.75f, false) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
				return size() > REMEMBERED_QUEUES;
			}

		};
	}

}
