package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcObserver;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Configures an {@link RpcClient.Builder} as the auto-configuration configures its own client:
 * {@code rpc_response_timeout}, the call monitor timeout, direct reply-to, the allowed remote
 * exceptions and the observer. An application that defines its own {@code RpcClient} (to another topic, with a
 * version cap) injects this bean and keeps the {@code messaging.*} properties:
 *
 * <pre class="code">
 * &#64;Bean
 * RpcClient imageClient(Transport transport, RpcClientConfigurer configurer) {
 *     return configurer.configure(RpcClient.builder(transport, Target.topic("image"))).versionCap("2.0").build();
 * }
 * </pre>
 *
 * @since 0.2
 */
public class RpcClientConfigurer {

	private final MessagingProperties properties;

	private @Nullable RpcObserver observer;

	/**
	 * Creates a configurer of the given properties.
	 * @param properties the properties to apply
	 */
	public RpcClientConfigurer(MessagingProperties properties) {
		this.properties = properties;
	}

	/**
	 * Sets the observer of the calls sent, or {@code null} for none.
	 * @param observer the observer, such as the Micrometer one of the auto-configuration
	 */
	public void setObserver(@Nullable RpcObserver observer) {
		this.observer = observer;
	}

	/**
	 * Applies {@code messaging.rpc-response-timeout}, the {@code messaging.client.*} properties and
	 * the observer to the builder, which the caller may tune further.
	 * @param builder the builder to configure
	 * @return the builder
	 */
	public RpcClient.Builder configure(RpcClient.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		MessagingProperties.Client client = this.properties.getClient();
		map.from(() -> OsloSettings.rpcResponseTimeout(this.properties)).to(builder::timeout);
		map.from(client::getCallMonitorTimeout).to(builder::callMonitorTimeout);
		map.from(client::isDirectReplyTo).to(builder::directReplyTo);
		client.getAllowedRemoteExceptions().forEach(builder::allowedRemoteExceptions);
		map.from(this.observer).to(builder::observer);
		return builder;
	}

}
