package io.oslo4j.messaging.boot.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * Registers a bean for each {@link RpcClientInterface @RpcClientInterface} interface, created by the
 * context's {@link RpcClientProxyFactory}. Without attributes, the package of the annotated class and
 * its sub-packages are scanned; {@link #clients()} names interfaces instead of scanning.
 *
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(RpcClientsRegistrar.class)
public @interface EnableRpcClients {

	/** Alias for {@link #basePackages()}. */
	@AliasFor("basePackages")
	String[] value() default {};

	/** Packages to scan for client interfaces. */
	@AliasFor("value")
	String[] basePackages() default {};

	/** Classes whose packages are scanned for client interfaces. */
	Class<?>[] basePackageClasses() default {};

	/** Client interfaces to register; when set, nothing is scanned. */
	Class<?>[] clients() default {};

}
