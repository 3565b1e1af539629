package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.notify.NotificationListener;

import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Configures a {@link NotificationListener.Builder} as the auto-configuration configures its own
 * listener: the {@code messaging.notification.topics} as targets, the messaging executor, the pool,
 * whether requeueing is allowed, {@code executor_thread_pool_size} and
 * {@code messaging.notification.max-async-in-flight} as the in-flight bounds. An
 * application that defines its own {@code NotificationListener} (with a filter, in batches)
 * injects this bean and keeps the {@code messaging.*} properties:
 *
 * <pre class="code">
 * &#64;Bean
 * NotificationListener auditListener(NotificationTransport transport, NotificationListenerConfigurer configurer) {
 *     return configurer.configure(NotificationListener.builder(transport.transport()))
 *         .endpoint(new AuditEndpoint(), NotificationFilter.builder().eventType("identity\\..*").build())
 *         .build();
 * }
 * </pre>
 *
 * The endpoints are the caller's: the auto-configuration serves the
 * {@code @NotificationEndpoint} beans.
 *
 * @since 0.2
 */
public class NotificationListenerConfigurer {

	private final MessagingProperties properties;

	private final MessagingExecutor executor;

	/**
	 * Creates a configurer of the given properties and executor.
	 * @param properties the properties to apply
	 * @param executor the executor that runs the endpoint methods
	 */
	public NotificationListenerConfigurer(MessagingProperties properties, MessagingExecutor executor) {
		this.properties = properties;
		this.executor = executor;
	}

	/**
	 * Adds a target for each of {@code messaging.notification.topics}, and applies the executor,
	 * {@code messaging.notification.pool}, {@code messaging.notification.allow-requeue},
	 * {@code messaging.executor-thread-pool-size} (oslo's listeners are servers too: it bounds those
	 * that hold a worker) and {@code messaging.notification.max-async-in-flight} (those that do not)
	 * to the builder, which the caller may tune further.
	 * @param builder the builder to configure
	 * @return the builder
	 */
	public NotificationListener.Builder configure(NotificationListener.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		MessagingProperties.Notification notification = this.properties.getNotification();
		builder.targets(notification.getTopics().stream().map(Target::topic).toList());
		builder.executor(this.executor);
		map.from(notification::getPool).whenHasText().to(builder::pool);
		map.from(notification::isAllowRequeue).to(builder::allowRequeue);
		map.from(() -> OsloSettings.executorThreadPoolSize(this.properties)).to(builder::maxInFlight);
		map.from(notification::getMaxAsyncInFlight).to(builder::maxAsyncInFlight);
		return builder;
	}

}
