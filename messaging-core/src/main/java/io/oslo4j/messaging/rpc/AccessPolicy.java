package io.oslo4j.messaging.rpc;

import java.lang.reflect.Method;

/**
 * Decides, once at start-up, which public methods of an endpoint may be called over RPC. A method
 * that is not allowed is, to a caller, a method that does not exist ({@code NoSuchMethod}).
 * Non-public, static, synthetic and {@link Object} methods are never callable, whatever the
 * policy.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface AccessPolicy {

	/** Every public method whose RPC name does not start with {@code _}: oslo's default. */
	AccessPolicy DEFAULT = (method, rpcName) -> !rpcName.startsWith("_");

	/** Only methods annotated {@link RpcMethod}: oslo's {@code ExplicitRPCAccessPolicy}. */
	AccessPolicy EXPLICIT = (method, rpcName) -> method.isAnnotationPresent(RpcMethod.class);

	/** Every public method, including names starting with {@code _}: oslo's legacy policy. */
	AccessPolicy LEGACY = (method, rpcName) -> true;

	/** Whether {@code method}, reachable as {@code rpcName}, may be called. */
	boolean isAllowed(Method method, String rpcName);

}
