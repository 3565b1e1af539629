package io.oslo4j.messaging.notify;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

/**
 * The {@code _unique_id}s of the last {@value #CAPACITY} notifications a listener acknowledged,
 * as oslo's {@code _MsgIdCache}: a notification whose id is among them is a duplicate. Ids are
 * recorded on acknowledgement only, so a requeued notification is not a duplicate when it comes
 * back; a notification without an id never is.
 */
final class RecentIds {

	static final int CAPACITY = 16;

	private final Deque<String> ids = new ArrayDeque<>(CAPACITY);

	synchronized boolean contains(@Nullable String id) {
		return id != null && this.ids.contains(id);
	}

	synchronized void add(@Nullable String id) {
		if (id == null || this.ids.contains(id)) {
			return;
		}
		if (this.ids.size() == CAPACITY) {
			this.ids.removeFirst();
		}
		this.ids.addLast(id);
	}

}
