package io.oslo4j.messaging.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose public methods an {@link RpcServer} serves, and declares the endpoint's
 * target: its namespace and version. A request reaches the endpoint when its namespace is one the
 * endpoint accepts and its version is compatible with the endpoint's (same major, minor not
 * above); otherwise the caller gets {@code UnsupportedVersion}.
 *
 * <p>With the Spring Boot starter, every bean carrying this annotation is served.
 *
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RpcEndpoint {

	/** The namespace; empty (the default) for oslo's default namespace (null on the wire). */
	String namespace() default "";

	/** The version the endpoint implements, {@code MAJOR.MINOR[.REVISION]}; oslo assumes 1.0. */
	String version() default "1.0";

	/** Other namespaces the endpoint also answers to. */
	String[] legacyNamespaces() default {};

}
