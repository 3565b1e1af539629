package io.oslo4j.messaging.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.oslo4j.messaging.executor.BlockingDetection;
import io.oslo4j.messaging.executor.ExecutorKind;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of oslo4j messaging: the transport, the executor, the RPC server and
 * client, notifications and the options of oslo's RabbitMQ driver.
 *
 * @since 0.1
 */
@ConfigurationProperties("messaging")
public class MessagingProperties {

	/**
	 * Transport URL, such as 'rabbit://user:pass@host:5672/vhost' or 'fake:///name'; when not set, the
	 * application's Spring AMQP ConnectionFactory is used.
	 */
	private @Nullable String transportUrl;

	/**
	 * Executor that runs endpoint methods: 'eventlet' (every method on a worker), 'greenio' (methods
	 * returning Mono or CompletionStage on a Reactor scheduler) or 'reactive' (every method on a Reactor
	 * scheduler, with no worker pool; each must return Mono or CompletionStage).
	 */
	private ExecutorKind executor = ExecutorKind.EVENTLET;

	/**
	 * Exchange of targets that name none, and of notifications (oslo's control_exchange).
	 */
	private String controlExchange = "openstack";

	private final Server server = new Server();

	private final Client client = new Client();

	private final Notification notification = new Notification();

	private final Rabbit rabbit = new Rabbit();

	private final Greenio greenio = new Greenio();

	public @Nullable String getTransportUrl() {
		return this.transportUrl;
	}

	public void setTransportUrl(@Nullable String transportUrl) {
		this.transportUrl = transportUrl;
	}

	public ExecutorKind getExecutor() {
		return this.executor;
	}

	public void setExecutor(ExecutorKind executor) {
		this.executor = executor;
	}

	public String getControlExchange() {
		return this.controlExchange;
	}

	public void setControlExchange(String controlExchange) {
		this.controlExchange = controlExchange;
	}

	public Server getServer() {
		return this.server;
	}

	public Client getClient() {
		return this.client;
	}

	public Notification getNotification() {
		return this.notification;
	}

	public Rabbit getRabbit() {
		return this.rabbit;
	}

	public Greenio getGreenio() {
		return this.greenio;
	}

	/** The RPC server that serves the application's {@code @RpcEndpoint} beans. */
	public static class Server {

		/**
		 * Whether to serve the application's @RpcEndpoint beans.
		 */
		private boolean enabled = true;

		/**
		 * Topic the RPC server consumes; required when the application has @RpcEndpoint beans.
		 */
		private @Nullable String topic;

		/**
		 * Name of this server, which callers use to address it alone (oslo's host); defaults to the
		 * host name.
		 */
		private @Nullable String name;

		/**
		 * Number of platform threads that run endpoint methods (oslo's executor_thread_pool_size);
		 * ignored with virtual threads.
		 */
		private int poolSize = 64;

		/**
		 * Maximum number of requests in flight that hold a worker; defaults to the pool size.
		 */
		private @Nullable Integer maxBlockingInFlight;

		/**
		 * Maximum number of requests in flight that hold no worker (Mono methods under greenio).
		 */
		private int maxAsyncInFlight = 16384;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public int getPoolSize() {
			return this.poolSize;
		}

		public void setPoolSize(int poolSize) {
			this.poolSize = poolSize;
		}

		public @Nullable Integer getMaxBlockingInFlight() {
			return this.maxBlockingInFlight;
		}

		public void setMaxBlockingInFlight(@Nullable Integer maxBlockingInFlight) {
			this.maxBlockingInFlight = maxBlockingInFlight;
		}

		public int getMaxAsyncInFlight() {
			return this.maxAsyncInFlight;
		}

		public void setMaxAsyncInFlight(int maxAsyncInFlight) {
			this.maxAsyncInFlight = maxAsyncInFlight;
		}

	}

	/** The application's {@code RpcClient} bean and its typed client interfaces. */
	public static class Client {

		/**
		 * Topic the RpcClient bean sends to; defaults to the server topic.
		 */
		private @Nullable String topic;

		/**
		 * Time a call waits for its reply before failing (oslo's rpc_response_timeout).
		 */
		private Duration timeout = Duration.ofSeconds(60);

		/**
		 * Time a call waits for a heartbeat of the server before failing; heartbeats are not requested
		 * when not set.
		 */
		private @Nullable Duration callMonitorTimeout;

		/**
		 * Exception types a remote failure may be rebuilt as, when the server raised one of that
		 * package and simple name (oslo's allowed_remote_exmods).
		 */
		private List<Class<? extends RuntimeException>> allowedRemoteExceptions = new ArrayList<>();

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Duration getCallMonitorTimeout() {
			return this.callMonitorTimeout;
		}

		public void setCallMonitorTimeout(@Nullable Duration callMonitorTimeout) {
			this.callMonitorTimeout = callMonitorTimeout;
		}

		public List<Class<? extends RuntimeException>> getAllowedRemoteExceptions() {
			return this.allowedRemoteExceptions;
		}

		public void setAllowedRemoteExceptions(List<Class<? extends RuntimeException>> allowedRemoteExceptions) {
			this.allowedRemoteExceptions = allowedRemoteExceptions;
		}

	}

	/** Notifications, sent and listened to. */
	public static class Notification {

		/**
		 * Topics notifications are sent to and listened on (oslo's notification topics).
		 */
		private List<String> topics = new ArrayList<>(List.of("notifications"));

		/**
		 * Publisher id of the notifications this application sends; defaults to
		 * '<server topic>.<server name>', as OpenStack services name theirs.
		 */
		private @Nullable String publisherId;

		/**
		 * Driver of sent notifications: 'messagingv2', 'messaging' (version 1, unenveloped) or 'noop'.
		 */
		private String driver = "messagingv2";

		/**
		 * Pool of the notification listener: listeners of one pool share one queue, each notification
		 * going to one of them.
		 */
		private @Nullable String pool;

		/**
		 * Whether a listener endpoint may ask for a notification to be redelivered.
		 */
		private boolean allowRequeue;

		public List<String> getTopics() {
			return this.topics;
		}

		public void setTopics(List<String> topics) {
			this.topics = topics;
		}

		public @Nullable String getPublisherId() {
			return this.publisherId;
		}

		public void setPublisherId(@Nullable String publisherId) {
			this.publisherId = publisherId;
		}

		public String getDriver() {
			return this.driver;
		}

		public void setDriver(String driver) {
			this.driver = driver;
		}

		public @Nullable String getPool() {
			return this.pool;
		}

		public void setPool(@Nullable String pool) {
			this.pool = pool;
		}

		public boolean isAllowRequeue() {
			return this.allowRequeue;
		}

		public void setAllowRequeue(boolean allowRequeue) {
			this.allowRequeue = allowRequeue;
		}

	}

	/**
	 * Options of oslo's RabbitMQ driver ({@code [oslo_messaging_rabbit]}), which must match those of the
	 * Python peers. An option written in the transport URL's query wins over its property.
	 */
	public static class Rabbit {

		/**
		 * Whether topic exchanges and queues are durable (amqp_durable_queues).
		 */
		private boolean durableQueues;

		/**
		 * Whether topic exchanges and queues are deleted with their last consumer (amqp_auto_delete).
		 */
		private boolean autoDelete;

		/**
		 * Whether topic, server and notification queues are quorum queues (rabbit_quorum_queue).
		 */
		private boolean quorumQueue;

		/**
		 * Number of deliveries of a message after which a quorum queue drops it, 0 for no limit
		 * (rabbit_quorum_delivery_limit).
		 */
		private int quorumDeliveryLimit;

		/**
		 * Whether every queue is mirrored on all nodes, for classic queues (rabbit_ha_queues).
		 */
		private boolean haQueues;

		/**
		 * Time reply and fanout queues outlive their last consumer (rabbit_transient_queues_ttl).
		 */
		private Duration transientQueuesTtl = Duration.ofSeconds(1800);

		/**
		 * Number of unacknowledged messages a listener may hold, 0 for no limit
		 * (rabbit_qos_prefetch_count).
		 */
		private int prefetchCount;

		/**
		 * Time a reply to a missing reply queue is retried before it is dropped
		 * (kombu_missing_consumer_retry_timeout).
		 */
		private Duration missingConsumerRetryTimeout = Duration.ofSeconds(60);

		public boolean isDurableQueues() {
			return this.durableQueues;
		}

		public void setDurableQueues(boolean durableQueues) {
			this.durableQueues = durableQueues;
		}

		public boolean isAutoDelete() {
			return this.autoDelete;
		}

		public void setAutoDelete(boolean autoDelete) {
			this.autoDelete = autoDelete;
		}

		public boolean isQuorumQueue() {
			return this.quorumQueue;
		}

		public void setQuorumQueue(boolean quorumQueue) {
			this.quorumQueue = quorumQueue;
		}

		public int getQuorumDeliveryLimit() {
			return this.quorumDeliveryLimit;
		}

		public void setQuorumDeliveryLimit(int quorumDeliveryLimit) {
			this.quorumDeliveryLimit = quorumDeliveryLimit;
		}

		public boolean isHaQueues() {
			return this.haQueues;
		}

		public void setHaQueues(boolean haQueues) {
			this.haQueues = haQueues;
		}

		public Duration getTransientQueuesTtl() {
			return this.transientQueuesTtl;
		}

		public void setTransientQueuesTtl(Duration transientQueuesTtl) {
			this.transientQueuesTtl = transientQueuesTtl;
		}

		public int getPrefetchCount() {
			return this.prefetchCount;
		}

		public void setPrefetchCount(int prefetchCount) {
			this.prefetchCount = prefetchCount;
		}

		public Duration getMissingConsumerRetryTimeout() {
			return this.missingConsumerRetryTimeout;
		}

		public void setMissingConsumerRetryTimeout(Duration missingConsumerRetryTimeout) {
			this.missingConsumerRetryTimeout = missingConsumerRetryTimeout;
		}

	}

	/** How the greenio executor watches the Mono and CompletionStage methods it runs. */
	public static class Greenio {

		/**
		 * Whether a blocking call that a Mono or CompletionStage method makes on a greenio thread is
		 * reported ('true'), also fails the method ('fail'), or is not looked for ('false'); needs
		 * BlockHound on the class path.
		 */
		private BlockingDetection detectBlocking = BlockingDetection.OFF;

		/**
		 * Time a Mono or CompletionStage method may hold a greenio thread before a warning names it
		 * (asyncio's slow_callback_duration).
		 */
		private Duration slowCallbackThreshold = Duration.ofMillis(100);

		public BlockingDetection getDetectBlocking() {
			return this.detectBlocking;
		}

		public void setDetectBlocking(BlockingDetection detectBlocking) {
			this.detectBlocking = detectBlocking;
		}

		public Duration getSlowCallbackThreshold() {
			return this.slowCallbackThreshold;
		}

		public void setSlowCallbackThreshold(Duration slowCallbackThreshold) {
			this.slowCallbackThreshold = slowCallbackThreshold;
		}

	}

}
