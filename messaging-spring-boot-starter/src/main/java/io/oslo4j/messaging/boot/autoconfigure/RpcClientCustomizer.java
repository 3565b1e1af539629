package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.rpc.RpcClient;

/**
 * Callback to customize the auto-configured {@link RpcClient}, on which typed client interfaces are
 * built too: a version cap, retries, an observer. Customizers run in order, after the
 * {@code messaging.client.*} properties were applied.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RpcClientCustomizer {

	/**
	 * Customizes the builder of the client.
	 * @param builder the builder, with the timeouts and remote exceptions already set
	 */
	void customize(RpcClient.Builder builder);

}
