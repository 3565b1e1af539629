package io.oslo4j.messaging.notify;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose instances handle notifications, and optionally filters what they see.
 *
 * <p>The annotation is optional for an endpoint handed to
 * {@link NotificationListener.Builder#endpoint(Object)}, which looks at any object; it is how an
 * application (the Spring Boot starter) finds endpoints, and where the filter is written. The
 * attributes are the conditions of a {@link NotificationFilter}; an attribute left empty sets no
 * condition. Regular expressions match as Python's {@code re.match}: from the start of the value.
 * Map conditions are written {@code "key=regex"}, split at the first {@code =}:
 *
 * <pre>{@code
 * @NotificationEndpoint(eventType = "compute\\.instance\\..*", payload = "state=active")
 * class InstanceEvents {
 *     void info(RequestContext ctx, String eventType, InstancePayload payload) { ... }
 * }
 * }</pre>
 *
 * See {@link NotificationListener} for the methods such a class may have.
 *
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NotificationEndpoint {

	/** A regular expression the {@code publisher_id} must match. */
	String publisherId() default "";

	/** A regular expression the {@code event_type} must match. */
	String eventType() default "";

	/** Conditions on the context, each {@code "key=regex"}. */
	String[] context() default {};

	/** Conditions on the metadata ({@code message_id}, {@code timestamp}), each {@code "key=regex"}. */
	String[] metadata() default {};

	/** Conditions on the payload's string members, each {@code "key=regex"}. */
	String[] payload() default {};

}
