package io.oslo4j.messaging.wire;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

/**
 * The last few {@code _unique_id}s a listener has seen, for oslo's duplicate suppression: a
 * message whose id is among them is a duplicate. oslo remembers {@value #DEFAULT_CAPACITY}.
 * A message without an id is never a duplicate. Thread-safe.
 *
 * @since 0.1
 */
public final class RecentIds {

	/** How many ids oslo remembers per listener. */
	public static final int DEFAULT_CAPACITY = 16;

	private final int capacity;

	private final Deque<String> ids;

	public RecentIds() {
		this(DEFAULT_CAPACITY);
	}

	public RecentIds(int capacity) {
		this.capacity = capacity;
		this.ids = new ArrayDeque<>(capacity);
	}

	/** Whether the id was seen already. */
	public synchronized boolean contains(@Nullable String id) {
		return id != null && this.ids.contains(id);
	}

	/** Remembers an id (once), forgetting the oldest beyond the capacity. */
	public synchronized void add(@Nullable String id) {
		if (id == null || this.ids.contains(id)) {
			return;
		}
		if (this.ids.size() == this.capacity) {
			this.ids.removeFirst();
		}
		this.ids.addLast(id);
	}

	/** Remembers an id; returns false if it was seen already. */
	public synchronized boolean addIfAbsent(@Nullable String id) {
		if (contains(id)) {
			return false;
		}
		add(id);
		return true;
	}

}
