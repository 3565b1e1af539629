package io.oslo4j.messaging.notify;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a notification endpoint method's parameter to the payload, whatever its name (a parameter
 * named {@code payload} needs no annotation). The payload is converted with Jackson to the
 * parameter's declared type, generics included: a record, a {@code Map<String, Object>}, a
 * {@code List<T>}, a {@code String} or a {@code JsonNode} for the payload as received.
 *
 * @since 0.1
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NotificationPayload {

}
