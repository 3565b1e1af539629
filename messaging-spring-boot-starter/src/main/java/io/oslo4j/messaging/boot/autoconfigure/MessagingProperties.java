package io.oslo4j.messaging.boot.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.oslo4j.messaging.executor.BlockingDetection;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationDriver;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.rpc.RpcServer;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties of oslo4j messaging: the transport, the executor, the RPC server and
 * client, notifications and the options of oslo's RabbitMQ driver. Every option of oslo.messaging's
 * {@code [DEFAULT]} RPC options, {@code [oslo_messaging_rabbit]} and {@code [oslo_messaging_notifications]}
 * is a property under its oslo name ({@code rabbit_quorum_queue} is
 * {@code messaging.rabbit.rabbit-quorum-queue}); see {@link OsloProperties}.
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
	 * Executor that runs endpoint methods: 'eventlet' (every method on a worker; 'threading', oslo 16's
	 * name, means the same), 'greenio' (methods returning Mono or CompletionStage on a Reactor scheduler)
	 * or 'reactive' (every method on a Reactor scheduler, with no worker pool; each must return Mono or
	 * CompletionStage).
	 */
	private ExecutorKind executor = ExecutorKind.EVENTLET;

	/**
	 * Exchange of targets that name none, and of notifications (oslo's control_exchange).
	 */
	private @Nullable String controlExchange;

	/**
	 * Time a call waits for its reply when it sets no timeout of its own (oslo's rpc_response_timeout); a
	 * bare number is seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration rpcResponseTimeout;

	/**
	 * Number of platform threads that run endpoint methods, and of requests a server runs at once (oslo's
	 * executor_thread_pool_size).
	 */
	private @Nullable Integer executorThreadPoolSize;

	/**
	 * Whether RPC servers answer oslo's 'oslo_rpc_server_ping' method with 'pong' (oslo's rpc_ping_enabled).
	 */
	private @Nullable Boolean rpcPingEnabled;

	/**
	 * OpenStack configuration files, such as /etc/nova/nova.conf, whose messaging options apply unless a
	 * messaging.* property sets them; later files win, as in oslo.config.
	 */
	private List<String> osloConfigFile = new ArrayList<>();

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

	public @Nullable String getControlExchange() {
		return this.controlExchange;
	}

	public void setControlExchange(@Nullable String controlExchange) {
		this.controlExchange = controlExchange;
	}

	public @Nullable Duration getRpcResponseTimeout() {
		return this.rpcResponseTimeout;
	}

	public void setRpcResponseTimeout(@Nullable Duration rpcResponseTimeout) {
		this.rpcResponseTimeout = rpcResponseTimeout;
	}

	public @Nullable Integer getExecutorThreadPoolSize() {
		return this.executorThreadPoolSize;
	}

	public void setExecutorThreadPoolSize(@Nullable Integer executorThreadPoolSize) {
		this.executorThreadPoolSize = executorThreadPoolSize;
	}

	public @Nullable Boolean getRpcPingEnabled() {
		return this.rpcPingEnabled;
	}

	public void setRpcPingEnabled(@Nullable Boolean rpcPingEnabled) {
		this.rpcPingEnabled = rpcPingEnabled;
	}

	public List<String> getOsloConfigFile() {
		return this.osloConfigFile;
	}

	public void setOsloConfigFile(List<String> osloConfigFile) {
		this.osloConfigFile = osloConfigFile;
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
		 * Number of platform threads that run endpoint methods; ignored with virtual threads.
		 */
		private @Nullable Integer poolSize;

		/**
		 * Maximum number of requests in flight that hold a worker; defaults to the pool size.
		 */
		private @Nullable Integer maxBlockingInFlight;

		/**
		 * Maximum number of requests in flight that hold no worker (Mono methods under greenio).
		 */
		private int maxAsyncInFlight = RpcServer.DEFAULT_MAX_ASYNC_IN_FLIGHT;

		/**
		 * Regular expression of further reply queue names the server answers, beside those oslo's
		 * clients generate (reply_<32 hex>, reply_<host>:<process>:<n>, amq.rabbitmq.reply-to.*); a
		 * call naming any other reply queue is dropped, since it would make the server write where
		 * the caller chose.
		 */
		private @Nullable String additionalReplyAddresses;

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

		@Deprecated(since = "0.2")
		@DeprecatedConfigurationProperty(replacement = "messaging.executor-thread-pool-size", since = "0.2")
		public @Nullable Integer getPoolSize() {
			return this.poolSize;
		}

		@Deprecated(since = "0.2")
		public void setPoolSize(@Nullable Integer poolSize) {
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

		public @Nullable String getAdditionalReplyAddresses() {
			return this.additionalReplyAddresses;
		}

		public void setAdditionalReplyAddresses(@Nullable String additionalReplyAddresses) {
			this.additionalReplyAddresses = additionalReplyAddresses;
		}

	}

	/** The application's {@code RpcClient} bean and its typed client interfaces. */
	public static class Client {

		/**
		 * Topic the RpcClient bean sends to; defaults to the server topic.
		 */
		private @Nullable String topic;

		/**
		 * Time a call waits for its reply before failing.
		 */
		private @Nullable Duration timeout;

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

		/**
		 * Whether calls take their replies through RabbitMQ's direct reply-to instead of a named
		 * reply queue; rabbit:// only, and a reply due when the connection is lost is lost.
		 */
		private boolean directReplyTo;

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		@Deprecated(since = "0.2")
		@DeprecatedConfigurationProperty(replacement = "messaging.rpc-response-timeout", since = "0.2")
		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		@Deprecated(since = "0.2")
		public void setTimeout(@Nullable Duration timeout) {
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

		public boolean isDirectReplyTo() {
			return this.directReplyTo;
		}

		public void setDirectReplyTo(boolean directReplyTo) {
			this.directReplyTo = directReplyTo;
		}

	}

	/** Notifications, sent and listened to. */
	public static class Notification {

		/**
		 * Topics notifications are sent to and listened on (oslo's notification topics).
		 */
		private List<String> topics = new ArrayList<>(List.of(Notifier.DEFAULT_TOPIC));

		/**
		 * Publisher id of the notifications this application sends; defaults to
		 * '<server topic>.<server name>', as OpenStack services name theirs.
		 */
		private @Nullable String publisherId;

		/**
		 * Drivers of sent notifications, each sending every notification: 'messagingv2', 'messaging',
		 * 'log', 'test', 'routing' or 'noop' (oslo's [oslo_messaging_notifications] driver).
		 */
		private List<NotificationDriver> driver = new ArrayList<>(List.of(NotificationDriver.MESSAGING_V2));

		/**
		 * YAML file telling the 'routing' driver which drivers get which notifications, a path or a
		 * resource location such as 'classpath:routing.yaml' (oslo's [oslo_messaging_notifications]
		 * routing_config); needed by that driver, ignored without it.
		 */
		private @Nullable String routingConfig;

		/**
		 * Transport URL of notifications, when they go to another broker than RPC (oslo's
		 * [oslo_messaging_notifications] transport_url); defaults to messaging.transport-url.
		 */
		private @Nullable String transportUrl;

		/**
		 * Number of times a notification the broker could not take is sent again: -1 without end, 0
		 * never (oslo's [oslo_messaging_notifications] retry).
		 */
		private @Nullable Integer retry;

		/**
		 * Pool of the notification listener: listeners of one pool share one queue, each notification
		 * going to one of them.
		 */
		private @Nullable String pool;

		/**
		 * Whether a listener endpoint may ask for a notification to be redelivered.
		 */
		private boolean allowRequeue;

		/**
		 * Maximum number of notifications in flight that hold no worker (Mono methods under greenio);
		 * those that hold one are bounded by executor-thread-pool-size.
		 */
		private int maxAsyncInFlight = RpcServer.DEFAULT_MAX_ASYNC_IN_FLIGHT;

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

		public List<NotificationDriver> getDriver() {
			return this.driver;
		}

		public void setDriver(List<NotificationDriver> driver) {
			this.driver = driver;
		}

		public @Nullable String getRoutingConfig() {
			return this.routingConfig;
		}

		public void setRoutingConfig(@Nullable String routingConfig) {
			this.routingConfig = routingConfig;
		}

		public @Nullable String getTransportUrl() {
			return this.transportUrl;
		}

		public void setTransportUrl(@Nullable String transportUrl) {
			this.transportUrl = transportUrl;
		}

		public @Nullable Integer getRetry() {
			return this.retry;
		}

		public void setRetry(@Nullable Integer retry) {
			this.retry = retry;
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

		public int getMaxAsyncInFlight() {
			return this.maxAsyncInFlight;
		}

		public void setMaxAsyncInFlight(int maxAsyncInFlight) {
			this.maxAsyncInFlight = maxAsyncInFlight;
		}

	}

	/**
	 * The options of oslo's RabbitMQ driver ({@code [oslo_messaging_rabbit]}) under their oslo names, which
	 * must match those of the Python peers. Only the options set reach the driver (the others keep oslo's
	 * defaults); an option written in the transport URL's query wins over its property.
	 */
	public static class Rabbit {

		/**
		 * Whether topic exchanges and topic, server and notification queues are durable.
		 */
		private @Nullable Boolean amqpDurableQueues;

		/**
		 * Whether topic exchanges and topic, server and notification queues are deleted with their last
		 * consumer.
		 */
		private @Nullable Boolean amqpAutoDelete;

		/**
		 * Whether every queue is declared mirrored on all nodes (x-ha-policy: all), which RabbitMQ 4
		 * ignores.
		 */
		private @Nullable Boolean rabbitHaQueues;

		/**
		 * Whether topic, server and notification queues are quorum queues.
		 */
		private @Nullable Boolean rabbitQuorumQueue;

		/**
		 * Whether reply and fanout queues are quorum queues too, behind a durable fanout exchange.
		 */
		private @Nullable Boolean rabbitTransientQuorumQueue;

		/**
		 * Number of deliveries after which a quorum queue drops a message, 0 for no limit.
		 */
		private @Nullable Integer rabbitQuorumDeliveryLimit;

		/**
		 * Number of messages a quorum queue keeps in memory, 0 for no limit.
		 */
		private @Nullable Integer rabbitQuorumMaxMemoryLength;

		/**
		 * Number of bytes a quorum queue keeps in memory, 0 for no limit.
		 */
		private @Nullable Integer rabbitQuorumMaxMemoryBytes;

		/**
		 * Time reply and fanout queues outlive their last consumer (the fanout stream's maximum age), 0
		 * for ever; a bare number is seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration rabbitTransientQueuesTtl;

		/**
		 * Whether fanout goes through one shared stream queue per topic instead of one fanout queue per
		 * server.
		 */
		private @Nullable Boolean rabbitStreamFanout;

		/**
		 * Whether reply and fanout queues are named '<hostname>:<processname>:<n>' and reused by a
		 * restarted process.
		 */
		private @Nullable Boolean useQueueManager;

		/**
		 * Host name in the queue manager's queue names; defaults to the machine's host name.
		 */
		private @Nullable String hostname;

		/**
		 * Process name in the queue manager's queue names; defaults to the program's name.
		 */
		private @Nullable String processname;

		/**
		 * Number of unacknowledged messages a consumer may hold, 0 for no limit.
		 */
		private @Nullable Integer rabbitQosPrefetchCount;

		/**
		 * Whether consumers ask the broker to cancel them when their queue's node fails (x-cancel-on-ha-
		 * failover).
		 */
		private @Nullable Boolean enableCancelOnFailover;

		/**
		 * Maximum number of channels that publish at the same time.
		 */
		private @Nullable Integer rpcConnPoolSize;

		/**
		 * Minimum size of oslo's connection pool; only checked against rpc-conn-pool-size, as oslo4j
		 * publishes over one long-lived connection.
		 */
		private @Nullable Integer connPoolMinSize;

		/**
		 * Seconds after which oslo expires an idle pooled connection; no effect, as oslo4j publishes
		 * over one long-lived connection.
		 */
		private @Nullable Integer connPoolTtl;

		/**
		 * Time a reply to a missing reply queue is retried before it is dropped; a bare number is
		 * seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration kombuMissingConsumerRetryTimeout;

		/**
		 * Whether replies are published mandatory, so that a missing reply queue is noticed and the
		 * reply retried.
		 */
		private @Nullable Boolean directMandatoryFlag;

		/**
		 * Compression of published messages, 'gzip' or 'bz2'; compressed messages are always read.
		 */
		private @Nullable String kombuCompression;

		/**
		 * SASL mechanism of the connection: 'AMQPLAIN', 'PLAIN', or 'EXTERNAL' with a client
		 * certificate.
		 */
		private @Nullable String rabbitLoginMethod;

		/**
		 * Seconds before the first reconnection attempt.
		 */
		private @Nullable Integer rabbitRetryInterval;

		/**
		 * Seconds added to the wait after each failed reconnection attempt.
		 */
		private @Nullable Integer rabbitRetryBackoff;

		/**
		 * Longest wait between reconnection attempts, in seconds.
		 */
		private @Nullable Integer rabbitIntervalMax;

		/**
		 * Seconds to wait before consuming again after the broker cancelled a consumer.
		 */
		private @Nullable BigDecimal kombuReconnectDelay;

		/**
		 * Maximum number of random seconds added to kombu-reconnect-delay.
		 */
		private @Nullable BigDecimal kombuReconnectSplay;

		/**
		 * How the next host of the URL is chosen when a connection fails: 'round-robin' or 'shuffle'.
		 */
		private @Nullable String kombuFailoverStrategy;

		/**
		 * AMQP heartbeat timeout asked of the broker, 0 to disable heartbeats; a bare number is seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration heartbeatTimeoutThreshold;

		/**
		 * Number of times per heartbeat timeout the connection is checked.
		 */
		private @Nullable Integer heartbeatRate;

		/**
		 * Whether oslo sends heartbeats from a native thread; no effect in Java, whose client has a
		 * heartbeat thread of its own.
		 */
		private @Nullable Boolean heartbeatInPthread;

		/**
		 * Whether connections use TLS.
		 */
		private @Nullable Boolean ssl;

		/**
		 * PEM file of the CA certificates the broker's certificate must chain to; defaults to the JVM's
		 * trust store.
		 */
		private @Nullable String sslCaFile;

		/**
		 * PEM file of the client certificate (chain) shown to the broker.
		 */
		private @Nullable String sslCertFile;

		/**
		 * PEM file of the private key of ssl-cert-file.
		 */
		private @Nullable String sslKeyFile;

		/**
		 * TLS protocol version, such as 'TLSv1_2' or 'TLSv1_3'; defaults to the JVM's.
		 */
		private @Nullable String sslVersion;

		/**
		 * Whether the broker's certificate must name the host connected to.
		 */
		private @Nullable Boolean sslEnforceHostnameVerification;

		/**
		 * Whether oslo enforces OpenSSL's FIPS mode; no effect in Java, whose FIPS mode is the
		 * configuration of its security providers.
		 */
		private @Nullable Boolean sslEnforceFipsMode;

		public @Nullable Boolean getAmqpDurableQueues() {
			return this.amqpDurableQueues;
		}

		public void setAmqpDurableQueues(@Nullable Boolean amqpDurableQueues) {
			this.amqpDurableQueues = amqpDurableQueues;
		}

		public @Nullable Boolean getAmqpAutoDelete() {
			return this.amqpAutoDelete;
		}

		public void setAmqpAutoDelete(@Nullable Boolean amqpAutoDelete) {
			this.amqpAutoDelete = amqpAutoDelete;
		}

		public @Nullable Boolean getRabbitHaQueues() {
			return this.rabbitHaQueues;
		}

		public void setRabbitHaQueues(@Nullable Boolean rabbitHaQueues) {
			this.rabbitHaQueues = rabbitHaQueues;
		}

		public @Nullable Boolean getRabbitQuorumQueue() {
			return this.rabbitQuorumQueue;
		}

		public void setRabbitQuorumQueue(@Nullable Boolean rabbitQuorumQueue) {
			this.rabbitQuorumQueue = rabbitQuorumQueue;
		}

		public @Nullable Boolean getRabbitTransientQuorumQueue() {
			return this.rabbitTransientQuorumQueue;
		}

		public void setRabbitTransientQuorumQueue(@Nullable Boolean rabbitTransientQuorumQueue) {
			this.rabbitTransientQuorumQueue = rabbitTransientQuorumQueue;
		}

		public @Nullable Integer getRabbitQuorumDeliveryLimit() {
			return this.rabbitQuorumDeliveryLimit;
		}

		public void setRabbitQuorumDeliveryLimit(@Nullable Integer rabbitQuorumDeliveryLimit) {
			this.rabbitQuorumDeliveryLimit = rabbitQuorumDeliveryLimit;
		}

		public @Nullable Integer getRabbitQuorumMaxMemoryLength() {
			return this.rabbitQuorumMaxMemoryLength;
		}

		public void setRabbitQuorumMaxMemoryLength(@Nullable Integer rabbitQuorumMaxMemoryLength) {
			this.rabbitQuorumMaxMemoryLength = rabbitQuorumMaxMemoryLength;
		}

		public @Nullable Integer getRabbitQuorumMaxMemoryBytes() {
			return this.rabbitQuorumMaxMemoryBytes;
		}

		public void setRabbitQuorumMaxMemoryBytes(@Nullable Integer rabbitQuorumMaxMemoryBytes) {
			this.rabbitQuorumMaxMemoryBytes = rabbitQuorumMaxMemoryBytes;
		}

		public @Nullable Duration getRabbitTransientQueuesTtl() {
			return this.rabbitTransientQueuesTtl;
		}

		public void setRabbitTransientQueuesTtl(@Nullable Duration rabbitTransientQueuesTtl) {
			this.rabbitTransientQueuesTtl = rabbitTransientQueuesTtl;
		}

		public @Nullable Boolean getRabbitStreamFanout() {
			return this.rabbitStreamFanout;
		}

		public void setRabbitStreamFanout(@Nullable Boolean rabbitStreamFanout) {
			this.rabbitStreamFanout = rabbitStreamFanout;
		}

		public @Nullable Boolean getUseQueueManager() {
			return this.useQueueManager;
		}

		public void setUseQueueManager(@Nullable Boolean useQueueManager) {
			this.useQueueManager = useQueueManager;
		}

		public @Nullable String getHostname() {
			return this.hostname;
		}

		public void setHostname(@Nullable String hostname) {
			this.hostname = hostname;
		}

		public @Nullable String getProcessname() {
			return this.processname;
		}

		public void setProcessname(@Nullable String processname) {
			this.processname = processname;
		}

		public @Nullable Integer getRabbitQosPrefetchCount() {
			return this.rabbitQosPrefetchCount;
		}

		public void setRabbitQosPrefetchCount(@Nullable Integer rabbitQosPrefetchCount) {
			this.rabbitQosPrefetchCount = rabbitQosPrefetchCount;
		}

		public @Nullable Boolean getEnableCancelOnFailover() {
			return this.enableCancelOnFailover;
		}

		public void setEnableCancelOnFailover(@Nullable Boolean enableCancelOnFailover) {
			this.enableCancelOnFailover = enableCancelOnFailover;
		}

		public @Nullable Integer getRpcConnPoolSize() {
			return this.rpcConnPoolSize;
		}

		public void setRpcConnPoolSize(@Nullable Integer rpcConnPoolSize) {
			this.rpcConnPoolSize = rpcConnPoolSize;
		}

		public @Nullable Integer getConnPoolMinSize() {
			return this.connPoolMinSize;
		}

		public void setConnPoolMinSize(@Nullable Integer connPoolMinSize) {
			this.connPoolMinSize = connPoolMinSize;
		}

		public @Nullable Integer getConnPoolTtl() {
			return this.connPoolTtl;
		}

		public void setConnPoolTtl(@Nullable Integer connPoolTtl) {
			this.connPoolTtl = connPoolTtl;
		}

		public @Nullable Duration getKombuMissingConsumerRetryTimeout() {
			return this.kombuMissingConsumerRetryTimeout;
		}

		public void setKombuMissingConsumerRetryTimeout(@Nullable Duration kombuMissingConsumerRetryTimeout) {
			this.kombuMissingConsumerRetryTimeout = kombuMissingConsumerRetryTimeout;
		}

		public @Nullable Boolean getDirectMandatoryFlag() {
			return this.directMandatoryFlag;
		}

		public void setDirectMandatoryFlag(@Nullable Boolean directMandatoryFlag) {
			this.directMandatoryFlag = directMandatoryFlag;
		}

		public @Nullable String getKombuCompression() {
			return this.kombuCompression;
		}

		public void setKombuCompression(@Nullable String kombuCompression) {
			this.kombuCompression = kombuCompression;
		}

		public @Nullable String getRabbitLoginMethod() {
			return this.rabbitLoginMethod;
		}

		public void setRabbitLoginMethod(@Nullable String rabbitLoginMethod) {
			this.rabbitLoginMethod = rabbitLoginMethod;
		}

		public @Nullable Integer getRabbitRetryInterval() {
			return this.rabbitRetryInterval;
		}

		public void setRabbitRetryInterval(@Nullable Integer rabbitRetryInterval) {
			this.rabbitRetryInterval = rabbitRetryInterval;
		}

		public @Nullable Integer getRabbitRetryBackoff() {
			return this.rabbitRetryBackoff;
		}

		public void setRabbitRetryBackoff(@Nullable Integer rabbitRetryBackoff) {
			this.rabbitRetryBackoff = rabbitRetryBackoff;
		}

		public @Nullable Integer getRabbitIntervalMax() {
			return this.rabbitIntervalMax;
		}

		public void setRabbitIntervalMax(@Nullable Integer rabbitIntervalMax) {
			this.rabbitIntervalMax = rabbitIntervalMax;
		}

		public @Nullable BigDecimal getKombuReconnectDelay() {
			return this.kombuReconnectDelay;
		}

		public void setKombuReconnectDelay(@Nullable BigDecimal kombuReconnectDelay) {
			this.kombuReconnectDelay = kombuReconnectDelay;
		}

		public @Nullable BigDecimal getKombuReconnectSplay() {
			return this.kombuReconnectSplay;
		}

		public void setKombuReconnectSplay(@Nullable BigDecimal kombuReconnectSplay) {
			this.kombuReconnectSplay = kombuReconnectSplay;
		}

		public @Nullable String getKombuFailoverStrategy() {
			return this.kombuFailoverStrategy;
		}

		public void setKombuFailoverStrategy(@Nullable String kombuFailoverStrategy) {
			this.kombuFailoverStrategy = kombuFailoverStrategy;
		}

		public @Nullable Duration getHeartbeatTimeoutThreshold() {
			return this.heartbeatTimeoutThreshold;
		}

		public void setHeartbeatTimeoutThreshold(@Nullable Duration heartbeatTimeoutThreshold) {
			this.heartbeatTimeoutThreshold = heartbeatTimeoutThreshold;
		}

		public @Nullable Integer getHeartbeatRate() {
			return this.heartbeatRate;
		}

		public void setHeartbeatRate(@Nullable Integer heartbeatRate) {
			this.heartbeatRate = heartbeatRate;
		}

		public @Nullable Boolean getHeartbeatInPthread() {
			return this.heartbeatInPthread;
		}

		public void setHeartbeatInPthread(@Nullable Boolean heartbeatInPthread) {
			this.heartbeatInPthread = heartbeatInPthread;
		}

		public @Nullable Boolean getSsl() {
			return this.ssl;
		}

		public void setSsl(@Nullable Boolean ssl) {
			this.ssl = ssl;
		}

		public @Nullable String getSslCaFile() {
			return this.sslCaFile;
		}

		public void setSslCaFile(@Nullable String sslCaFile) {
			this.sslCaFile = sslCaFile;
		}

		public @Nullable String getSslCertFile() {
			return this.sslCertFile;
		}

		public void setSslCertFile(@Nullable String sslCertFile) {
			this.sslCertFile = sslCertFile;
		}

		public @Nullable String getSslKeyFile() {
			return this.sslKeyFile;
		}

		public void setSslKeyFile(@Nullable String sslKeyFile) {
			this.sslKeyFile = sslKeyFile;
		}

		public @Nullable String getSslVersion() {
			return this.sslVersion;
		}

		public void setSslVersion(@Nullable String sslVersion) {
			this.sslVersion = sslVersion;
		}

		public @Nullable Boolean getSslEnforceHostnameVerification() {
			return this.sslEnforceHostnameVerification;
		}

		public void setSslEnforceHostnameVerification(@Nullable Boolean sslEnforceHostnameVerification) {
			this.sslEnforceHostnameVerification = sslEnforceHostnameVerification;
		}

		public @Nullable Boolean getSslEnforceFipsMode() {
			return this.sslEnforceFipsMode;
		}

		public void setSslEnforceFipsMode(@Nullable Boolean sslEnforceFipsMode) {
			this.sslEnforceFipsMode = sslEnforceFipsMode;
		}

		@Deprecated(since = "0.2")
		@DeprecatedConfigurationProperty(replacement = "messaging.rabbit.amqp-durable-queues", since = "0.2")
		public @Nullable Boolean getDurableQueues() {
			return this.amqpDurableQueues;
		}

		@Deprecated(since = "0.2")
		public void setDurableQueues(@Nullable Boolean durableQueues) {
			this.amqpDurableQueues = durableQueues;
		}

		@Deprecated(since = "0.2")
		@DeprecatedConfigurationProperty(replacement = "messaging.rabbit.amqp-auto-delete", since = "0.2")
		public @Nullable Boolean getAutoDelete() {
			return this.amqpAutoDelete;
		}

		@Deprecated(since = "0.2")
		public void setAutoDelete(@Nullable Boolean autoDelete) {
			this.amqpAutoDelete = autoDelete;
		}

		@Deprecated(since = "0.2")
		@DeprecatedConfigurationProperty(replacement = "messaging.rabbit.rabbit-ha-queues", since = "0.2")
		public @Nullable Boolean getHaQueues() {
			return this.rabbitHaQueues;
		}

		@Deprecated(since = "0.2")
		public void setHaQueues(@Nullable Boolean haQueues) {
			this.rabbitHaQueues = haQueues;
		}

		@Deprecated(since = "0.2")
		@DeprecatedConfigurationProperty(replacement = "messaging.rabbit.rabbit-quorum-queue", since = "0.2")
		public @Nullable Boolean getQuorumQueue() {
			return this.rabbitQuorumQueue;
		}

		@Deprecated(since = "0.2")
		public void setQuorumQueue(@Nullable Boolean quorumQueue) {
			this.rabbitQuorumQueue = quorumQueue;
		}

		@Deprecated(since = "0.2")
		@DeprecatedConfigurationProperty(replacement = "messaging.rabbit.rabbit-quorum-delivery-limit", since = "0.2")
		public @Nullable Integer getQuorumDeliveryLimit() {
			return this.rabbitQuorumDeliveryLimit;
		}

		@Deprecated(since = "0.2")
		public void setQuorumDeliveryLimit(@Nullable Integer quorumDeliveryLimit) {
			this.rabbitQuorumDeliveryLimit = quorumDeliveryLimit;
		}

		@Deprecated(since = "0.2")
		@DeprecatedConfigurationProperty(replacement = "messaging.rabbit.rabbit-transient-queues-ttl", since = "0.2")
		public @Nullable Duration getTransientQueuesTtl() {
			return this.rabbitTransientQueuesTtl;
		}

		@Deprecated(since = "0.2")
		public void setTransientQueuesTtl(@Nullable Duration transientQueuesTtl) {
			this.rabbitTransientQueuesTtl = transientQueuesTtl;
		}

		@Deprecated(since = "0.2")
		@DeprecatedConfigurationProperty(replacement = "messaging.rabbit.rabbit-qos-prefetch-count", since = "0.2")
		public @Nullable Integer getPrefetchCount() {
			return this.rabbitQosPrefetchCount;
		}

		@Deprecated(since = "0.2")
		public void setPrefetchCount(@Nullable Integer prefetchCount) {
			this.rabbitQosPrefetchCount = prefetchCount;
		}

		@Deprecated(since = "0.2")
		@DeprecatedConfigurationProperty(replacement = "messaging.rabbit.kombu-missing-consumer-retry-timeout", since = "0.2")
		public @Nullable Duration getMissingConsumerRetryTimeout() {
			return this.kombuMissingConsumerRetryTimeout;
		}

		@Deprecated(since = "0.2")
		public void setMissingConsumerRetryTimeout(@Nullable Duration missingConsumerRetryTimeout) {
			this.kombuMissingConsumerRetryTimeout = missingConsumerRetryTimeout;
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
		private Duration slowCallbackThreshold = MessagingExecutors.DEFAULT_SLOW_CALLBACK_THRESHOLD;

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
