package io.oslo4j.messaging.boot.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a Java interface as a typed RPC client: every abstract method is a remote method, called
 * through an {@link io.oslo4j.messaging.rpc.RpcClient} by {@link RpcClientProxyFactory}, in the
 * spirit of Spring's HTTP interface clients.
 *
 * <pre class="code">
 * &#64;RpcClientInterface(topic = "compute", namespace = "compute", version = "2.3")
 * interface ComputeClient {
 *     HostInfo getHostInfo(RequestContext context);          // a call, waiting for the result
 *     Mono&lt;Server&gt; resize(String id, String flavor);          // a call, as a Mono
 *     &#64;RpcMethod("reboot_instance") void reboot(String id);   // a cast
 * }
 * </pre>
 *
 * <p>Every attribute may be a {@code ${placeholder}} when the client is a bean; an empty attribute
 * keeps the value of the underlying client.
 *
 * @since 0.1
 * @see EnableRpcClients
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RpcClientInterface {

	/** The topic to send to; empty for the topic of the underlying client ({@code messaging.client.topic}). */
	String topic() default "";

	/** The namespace of the remote endpoint; empty for oslo's default namespace. */
	String namespace() default "";

	/** The version requested, {@code MAJOR.MINOR[.REVISION]}; empty for none (the server assumes 1.0). */
	String version() default "";

	/** The one server to send to ({@code topic.server}); empty for any server of the topic. */
	String server() default "";

	/** How long a call waits for its reply, such as {@code 30s} or {@code PT0.5S}; empty for the client's. */
	String timeout() default "";

}
