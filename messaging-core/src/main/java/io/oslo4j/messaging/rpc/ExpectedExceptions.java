package io.oslo4j.messaging.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the exceptions an endpoint method raises as part of its contract (oslo's
 * {@code expected_exceptions}): they are sent to the caller like any failure but logged at debug
 * level instead of error, with no stack trace.
 *
 * @since 0.1
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ExpectedExceptions {

	/** The expected exception types; subclasses are expected too. */
	Class<? extends Throwable>[] value();

}
