package io.oslo4j.messaging.notify;

/**
 * What a notification endpoint method reports: oslo.messaging's {@code NotificationResult}. A
 * method that returns nothing ({@code void}, {@code null}, an empty {@code Mono}) has
 * {@link #HANDLED} the notification; one that throws counts as {@link #REQUEUE}.
 *
 * @since 0.1
 */
public enum NotificationResult {

	/** Done: the notification is acknowledged once every matching endpoint has seen it. */
	HANDLED,

	/**
	 * Not now: no further endpoint sees the notification, and it goes back to its queue when the
	 * listener allows requeueing; otherwise it is acknowledged (oslo's default).
	 */
	REQUEUE

}
