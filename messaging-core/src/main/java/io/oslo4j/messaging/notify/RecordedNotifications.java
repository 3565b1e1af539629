package io.oslo4j.messaging.notify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every notifier with the {@code test} driver sent, in the order sent, in this JVM: oslo's
 * {@code _impl_test.NOTIFICATIONS}. Like oslo's, the list is shared by every notifier; a test
 * calls {@link #reset()} before it starts.
 *
 * @since 0.2
 */
public final class RecordedNotifications {

	private static final List<RecordedNotification> notifications = new CopyOnWriteArrayList<>();

	private RecordedNotifications() {
	}

	/** A copy of the notifications kept since the last {@link #reset()}, oldest first. */
	public static List<RecordedNotification> all() {
		return List.copyOf(notifications);
	}

	/** Forgets every notification kept, as oslo's {@code _impl_test.reset()}. */
	public static void reset() {
		notifications.clear();
	}

	static void record(RecordedNotification notification) {
		notifications.add(notification);
	}

}
