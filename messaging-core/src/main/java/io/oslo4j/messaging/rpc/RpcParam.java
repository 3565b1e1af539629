package io.oslo4j.messaging.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the request argument an endpoint method parameter is bound from. Without it the
 * parameter's own name is used (compile with {@code -parameters}), or its snake_case form.
 *
 * @since 0.1
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RpcParam {

	/** The argument name as callers send it. */
	String value();

}
