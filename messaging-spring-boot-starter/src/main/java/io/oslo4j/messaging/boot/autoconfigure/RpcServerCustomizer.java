package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.rpc.RpcServer;

/**
 * Callback to customize the auto-configured {@link RpcServer}: an access policy, more endpoints,
 * an observer. Customizers run in order, after the {@code messaging.server.*} properties were
 * applied.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RpcServerCustomizer {

	/**
	 * Customizes the builder of the server.
	 * @param builder the builder, with the endpoints, executor and bounds already set
	 */
	void customize(RpcServer.Builder builder);

}
