package io.oslo4j.messaging.notify;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a public method of a notification endpoint handle the given priorities, whatever its
 * name. Without it, a public method handles a priority when it is named after it ({@code audit},
 * {@code debug}, {@code info}, {@code warn}, {@code error}, {@code critical}, {@code sample}), as
 * in oslo; with it, only the listed priorities count. A method that handles several priorities
 * can take a {@link Priority} parameter to tell them apart.
 *
 * @since 0.1
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnNotification {

	/** The priorities the method handles (at least one). */
	Priority[] value();

}
