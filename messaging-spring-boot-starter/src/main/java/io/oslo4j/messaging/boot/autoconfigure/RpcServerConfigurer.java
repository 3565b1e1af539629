package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.rpc.RpcObserver;
import io.oslo4j.messaging.rpc.RpcServer;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Configures an {@link RpcServer.Builder} as the auto-configuration configures its own server:
 * the messaging executor, the in-flight bounds, {@code rpc_ping_enabled}, the additional reply
 * addresses and the observer. An application that defines its own {@code RpcServer} (on another
 * topic, with other endpoints) injects this bean and keeps the {@code messaging.*} properties:
 *
 * <pre class="code">
 * &#64;Bean
 * RpcServer auditServer(Transport transport, RpcServerConfigurer configurer, AuditEndpoint endpoint) {
 *     return configurer.configure(RpcServer.builder(transport, Target.topic("audit"))).endpoint(endpoint).build();
 * }
 * </pre>
 *
 * The target and the endpoints are the caller's: the auto-configuration serves the
 * {@code @RpcEndpoint} beans on {@code messaging.server.topic} and {@code messaging.server.name}.
 *
 * @since 0.2
 */
public class RpcServerConfigurer {

	private final MessagingProperties properties;

	private final MessagingExecutor executor;

	private @Nullable RpcObserver observer;

	/**
	 * Creates a configurer of the given properties and executor.
	 * @param properties the properties to apply
	 * @param executor the executor that runs the endpoint methods
	 */
	public RpcServerConfigurer(MessagingProperties properties, MessagingExecutor executor) {
		this.properties = properties;
		this.executor = executor;
	}

	/**
	 * Sets the observer of the requests served, or {@code null} for none.
	 * @param observer the observer, such as the Micrometer one of the auto-configuration
	 */
	public void setObserver(@Nullable RpcObserver observer) {
		this.observer = observer;
	}

	/**
	 * Applies the executor, the {@code messaging.server.*} bounds and reply addresses,
	 * {@code messaging.rpc-ping-enabled} and the observer to the builder, which the caller may tune
	 * further.
	 * @param builder the builder to configure
	 * @return the builder
	 */
	public RpcServer.Builder configure(RpcServer.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		MessagingProperties.Server server = this.properties.getServer();
		builder.executor(this.executor);
		map.from(server::getMaxBlockingInFlight)
			.orFrom(() -> OsloSettings.executorThreadPoolSize(this.properties))
			.to(builder::maxBlockingInFlight);
		map.from(server::getMaxAsyncInFlight).to(builder::maxAsyncInFlight);
		map.from(() -> OsloSettings.rpcPingEnabled(this.properties)).to(builder::pingEnabled);
		map.from(server::getAdditionalReplyAddresses).to(builder::additionalReplyAddresses);
		map.from(this.observer).to(builder::observer);
		return builder;
	}

}
