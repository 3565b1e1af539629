package io.oslo4j.messaging.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an endpoint method on the wire, and exposes it under {@link AccessPolicy#EXPLICIT}.
 *
 * <p>Without it a method is reachable under its Java name and, when that differs, under its
 * snake_case form ({@code getHostInfo} and {@code get_host_info}), so that Python callers can
 * use their own naming.
 *
 * @since 0.1
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RpcMethod {

	/** The RPC method name; empty for the Java name and its snake_case form. */
	String value() default "";

}
