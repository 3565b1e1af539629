package io.oslo4j.messaging.notify;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;

/**
 * One received notification, whole: what a batch endpoint method receives a list of, and what a
 * single endpoint method may take instead of separate parameters. oslo hands batch endpoints
 * dicts with the same keys ({@code ctxt}, {@code publisher_id}, {@code event_type},
 * {@code payload}, {@code metadata}).
 *
 * @param <P> the payload type, as declared by the endpoint method's parameter
 * @param priority the priority, from the body's priority in any case
 * @param context the sender's (whitelisted) context plus {@code client_timeout}, null, as Python
 * endpoints see it
 * @param publisherId the sender, e.g. {@code compute.host1}
 * @param eventType what happened, e.g. {@code compute.instance.create.end}
 * @param payload the payload converted to {@code P}
 * @param metadata the notification's {@code message_id} and {@code timestamp}
 * @since 0.1
 */
public record Notification<P>(Priority priority, RequestContext context, @Nullable String publisherId,
		@Nullable String eventType, @Nullable P payload, NotificationMetadata metadata) {

	/** The same notification with another payload (the payload converted to another type). */
	public <Q> Notification<Q> withPayload(@Nullable Q payload) {
		return new Notification<>(this.priority, this.context, this.publisherId, this.eventType, payload,
				this.metadata);
	}

}
