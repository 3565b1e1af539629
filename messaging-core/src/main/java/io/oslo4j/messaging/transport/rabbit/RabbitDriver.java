package io.oslo4j.messaging.transport.rabbit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.MessageRefusedException;
import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.PublishBackoff;
import io.oslo4j.messaging.transport.PublishOutcome;
import io.oslo4j.messaging.transport.QueueNames;
import io.oslo4j.messaging.transport.ReplyAddress;
import io.oslo4j.messaging.transport.ReplyConsumer;
import io.oslo4j.messaging.transport.ReplyRetry;
import io.oslo4j.messaging.transport.RequestRoute;
import io.oslo4j.messaging.transport.TransportDriver;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code rabbit://} driver: oslo.messaging 14.0.3's RabbitMQ driver on Spring AMQP connections,
 * with the topology options of 16–18 (transient quorum queues, stream fanout, the queue manager).
 * It declares the exchanges and queues oslo declares, with the same names, flags and arguments
 * (see {@link RabbitOptions}; {@code RabbitTopology} decides them), and publishes the same bytes and
 * properties, so that it shares a broker with Python services.
 *
 * <ul>
 * <li>Publishing: publisher confirms on a pool of channels of a publishing connection; the exchange
 * (for a notification, also its queue) is declared before the first publish on each connection;
 * replies go to the default exchange, mandatory (unless {@code direct_mandatory_flag=false}, or to a direct reply-to address),
 * retried while the reply queue is missing. The subscriber's thread never connects, declares nor waits for the broker: that happens on
 * {@code boundedElastic} threads, so a caller's timeout holds even against a broker that accepts
 * connections but never answers.</li>
 * <li>Listening: one channel per listener, on a listening connection; amqp-client's dispatch thread
 * for the channel hands the deliveries to the handler, in order, and a thread of the listener's
 * own declares the topology again and consumes again after a connection loss.</li>
 * </ul>
 *
 * <p>Build it from a transport URL ({@link #create(TransportUrl)}, or {@code Transport.open}), or on
 * an application's Spring {@link ConnectionFactory} ({@link #create(ConnectionFactory, RabbitOptions)}),
 * which then also publishes through its publisher connection factory if it has one. The driver's
 * own channels are plain amqp-client channels; the factory's channel cache, publisher-confirm and
 * return settings do not matter to it, but it expects Spring's default cache mode (CHANNEL).
 *
 * @since 0.1
 */
public final class RabbitDriver implements TransportDriver {

	/**
	 * amqp-client's consumer dispatch for the connections the driver makes: a thread for each channel
	 * that has deliveries to hand over (amqp-client runs one channel's at a time, in order), none kept
	 * idle for more than a minute. Unbounded, unlike amqp-client's default of twice the processors,
	 * because a listener's handler runs there and may wait for room ({@code InFlight}).
	 */
	private static final ExecutorService CONSUMER_DISPATCH = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60,
			TimeUnit.SECONDS, new SynchronousQueue<>(), new DispatchThreads());

	private final RabbitOptions options;

	private final RabbitTopology topology;

	private final RabbitConnections connections;

	private final Declarer declarer;

	private final ConfirmingPublisher publisher;

	/** Where publisher confirms complete the publishers' monos: a thread of the driver's own, released on close. */
	private final ConfirmCompletions completions = new ConfirmCompletions();

	private final ReplyRetry replyRetry;

	private final ReconnectBackoff backoff;

	private final PublishWait publishWait;

	private final @Nullable QueueManager queueManager;

	/** {@code direct_mandatory_flag}, read once: every reply asks for it. */
	private final boolean directMandatoryFlag;

	private final Set<RabbitListener> listeners = ConcurrentHashMap.newKeySet();

	private final ReplyConsumer replyConsumer = new ReplyConsumer();

	/** The reply queue's acknowledgements, in batches. */
	private final ReplyAcks replyAcks;

	private final DirectReplyConsumer directReplyConsumer;

	/** Whether the listening connection dispatches on {@link #CONSUMER_DISPATCH}, where handlers may wait. */
	private final boolean handsOverOnDispatch;

	private volatile boolean closed;

	private RabbitDriver(RabbitConnections connections, RabbitOptions options, boolean handsOverOnDispatch) {
		this.options = options;
		this.handsOverOnDispatch = handsOverOnDispatch;
		this.topology = new RabbitTopology(options);
		this.connections = connections;
		this.declarer = new Declarer(this.connections);
		this.directReplyConsumer = new DirectReplyConsumer(this.connections);
		this.publisher = new ConfirmingPublisher(this.connections, options.publisherChannels(), this.completions,
				options.compressionContentType());
		this.replyRetry = new ReplyRetry(options.missingConsumerRetryTimeout());
		this.backoff = ReconnectBackoff.of(options);
		this.publishWait = new PublishWait(this.backoff, connections.probe());
		this.queueManager = options.useQueueManager() ? QueueManager.of(options) : null;
		this.directMandatoryFlag = options.directMandatoryFlag();
		this.replyAcks = new ReplyAcks(options.qosPrefetchCount());
	}

	/**
	 * A driver for a {@code rabbit://} or {@code kombu://} URL, with its options from the URL's query.
	 * Connects on first use. Closing the driver closes its connections.
	 * @throws io.oslo4j.messaging.InvalidTransportUrlException for an unknown option or a bad value
	 */
	public static RabbitDriver create(TransportUrl url) {
		RabbitOptions options = RabbitOptions.fromUrl(url);
		CachingConnectionFactory factory = RabbitConnectionFactories.create(url, options);
		// listeners' handlers run on the consumer dispatch threads and may block for back-pressure: a thread
		// for each busy channel, so that one blocked listener never holds up another's deliveries
		factory.setExecutor(CONSUMER_DISPATCH);
		return new RabbitDriver(new RabbitConnections(factory, true, url.toString(), BrokerProbe.of(url)), options,
				true);
	}

	/**
	 * A driver on an application's connection factory. Closing the driver leaves the factory open.
	 * Its consumer dispatch pool may be bounded (amqp-client's default: twice the processors), so
	 * each listener hands its deliveries over on a thread of its own, one hand-off more than on the
	 * driver's own connections, and a handler that waits for back-pressure holds no dispatch thread.
	 * @param connectionFactory where to connect; TLS, credentials and addresses are its own
	 * @param options the oslo options, which must match those of the other peers
	 */
	public static RabbitDriver create(ConnectionFactory connectionFactory, RabbitOptions options) {
		return new RabbitDriver(new RabbitConnections(connectionFactory, false,
				RabbitConnections.describe(connectionFactory)), options, false);
	}

	/** What this driver's replies to missing reply queues did: probes, held, dropped. */
	public ReplyRetry.Counts replyRetryCounts() {
		return this.replyRetry.counts();
	}

	/** The options this driver runs with. */
	public RabbitOptions options() {
		return this.options;
	}

	@Override
	public String controlExchange() {
		return this.options.controlExchange();
	}

	@Override
	public Mono<Void> sendRequest(Target target, OutgoingMessage message) {
		return Mono.defer(() -> {
			RequestRoute route = RequestRoute.of(target, controlExchange());
			return publish(List.of(exchangeDeclaration(route)), route.exchange(), route.routingKey(),
					message.mandatory() && !route.fanout(), message);
		});
	}

	/**
	 * Writes the request on the caller's thread when its exchange is declared already and an idle
	 * channel is free ({@link ConfirmingPublisher#tryPublishNow}); a channel lost before the confirm
	 * goes on as in {@link #sendRequest}, handed to the outcome as what follows
	 * ({@link PublishOutcome#continueWith}).
	 */
	@Override
	public boolean trySendRequestNow(Target target, OutgoingMessage message, PublishOutcome outcome) {
		RequestRoute route = RequestRoute.of(target, controlExchange());
		List<Declaration> declarations = List.of(exchangeDeclaration(route));
		if (!this.declarer.isDeclared(declarations)) {
			return false;
		}
		boolean mandatory = message.mandatory() && !route.fanout();
		return this.publisher.tryPublishNow(route.exchange(), route.routingKey(), mandatory, message,
				new FirstAttempt(declarations, route.exchange(), route.routingKey(), mandatory, message, outcome));
	}

	private Declaration exchangeDeclaration(RequestRoute route) {
		return route.fanout() ? this.topology.fanoutExchange(route.topic())
				: this.topology.topicExchange(route.exchange());
	}

	@Override
	public Mono<Void> sendReply(String replyQueue, OutgoingMessage message) {
		if (!this.directMandatoryFlag || DirectReplyConsumer.isAddress(replyQueue)) {
			// as oslo: without mandatory the broker drops a reply to a missing queue, and nothing retries it; and
			// RabbitMQ returns every mandatory publish to a direct reply-to address, delivered or not
			return publish(List.of(), "", replyQueue, false, message);
		}
		return this.replyRetry.retrying(publish(List.of(), "", replyQueue, true, message), replyQueue);
	}

	@Override
	public Mono<Void> sendNotification(String topic, String priority, OutgoingMessage message) {
		String exchange = controlExchange();
		String routingKey = new NotificationBinding(exchange, topic, priority).routingKey();
		return publish(this.topology.notificationQueue(exchange, routingKey), exchange, routingKey, false, message);
	}

	@Override
	public String startReplyConsumer(DeliveryHandler handler) {
		return this.replyConsumer.start(handler,
				() -> (this.queueManager != null) ? QueueNames.replyQueue(this.queueManager.next())
						: QueueNames.newReplyQueue(),
				(name, acknowledging) -> start(name, this.topology.replyQueue(name), acknowledging),
				this.replyAcks::acknowledge);
	}

	/** Consumes {@code amq.rabbitmq.reply-to} on a channel of the listening connection ({@code DirectReplyConsumer}). */
	@Override
	public ReplyAddress startDirectReplyConsumer(DeliveryHandler handler) {
		return this.directReplyConsumer.start(handler);
	}

	@Override
	public Listener listen(Target target, DeliveryHandler handler) {
		String server = target.requireServer();
		String topic = target.requireTopic("an RPC server");
		String fanoutQueue = fanoutQueue(topic);
		RabbitTopology.RpcServer topology = this.topology.rpcServer(exchangeOf(target.exchange()), topic, server,
				fanoutQueue);
		RabbitListener calls = start(QueueNames.server(topic, server), topology.calls(), handler);
		try {
			return new ListenerGroup(List.of(calls, start(fanoutQueue, topology.fanout(), handler)));
		}
		catch (RuntimeException ex) {
			calls.close();
			throw ex;
		}
	}

	@Override
	public Listener listenForNotifications(List<NotificationBinding> bindings, @Nullable String pool,
			DeliveryHandler handler) {
		ListenerTopology topology = this.topology.notificationListener(bindings, pool, controlExchange());
		String name = (pool != null) ? pool : String.join(",", topology.queues());
		return start(name, topology, handler);
	}

	/**
	 * Waits as before a reconnect ({@code rabbit_retry_interval}, {@code rabbit_retry_backoff},
	 * {@code rabbit_interval_max}, {@code kombu_reconnect_delay}, {@code kombu_reconnect_splay}),
	 * and after a refused connection no longer than until the broker accepts connections again.
	 */
	@Override
	public PublishBackoff publishBackoff() {
		return this.publishWait;
	}

	@Override
	public boolean isConnected() {
		return !this.closed && this.connections.isConnected();
	}

	@Override
	public @Nullable String blockedReason() {
		return this.connections.blockedReason();
	}

	@Override
	public void close() {
		this.closed = true;
		this.replyRetry.dispose();
		this.replyAcks.close();
		List.copyOf(this.listeners).forEach(RabbitListener::close);
		this.directReplyConsumer.close();
		this.publisher.close();
		this.declarer.close();
		this.connections.close();
		this.completions.close();
	}

	/**
	 * Declares what the publish needs (once per connection), then publishes; a publish whose
	 * channel closed before the confirm is tried once more, declaring again if an exchange was gone.
	 * When the broker closed the channel because it refused a message, which may be another one
	 * pipelined on that channel, the publish is tried once more on a channel of its own: refused
	 * again, it is this message that the broker refuses, and it fails with
	 * {@link MessageRefusedException}, never retried.
	 */
	private Mono<Void> publish(List<Declaration> declarations, String exchange, String routingKey, boolean mandatory,
			OutgoingMessage message) {
		Mono<Void> attempt = attempt(declarations, exchange, routingKey, mandatory, message);
		return attempt.onErrorResume(ChannelLostException.class,
				(lost) -> afterLost(lost, attempt, declarations, exchange, routingKey, mandatory, message));
	}

	private Mono<Void> attempt(List<Declaration> declarations, String exchange, String routingKey, boolean mandatory,
			OutgoingMessage message) {
		return Mono.defer(() -> this.declarer.isDeclared(declarations)
				? this.publisher.publish(exchange, routingKey, mandatory, message)
				: declared(declarations).then(this.publisher.publish(exchange, routingKey, mandatory, message)));
	}

	/** What follows an attempt whose channel was lost before the confirm: {@code attempt} again, or alone. */
	private Mono<Void> afterLost(ChannelLostException lost, Mono<Void> attempt, List<Declaration> declarations,
			String exchange, String routingKey, boolean mandatory, OutgoingMessage message) {
		if (lost.exchangeNotFound()) {
			this.declarer.forget();
		}
		if (!lost.refused()) {
			return attempt;
		}
		Mono<Void> alone = declared(declarations)
			.then(Mono.defer(() -> this.publisher.publishAlone(exchange, routingKey, mandatory, message)))
			.subscribeOn(Schedulers.boundedElastic());
		return alone.onErrorMap((error) -> error instanceof ChannelLostException again && again.refused(),
				(error) -> new MessageRefusedException("the broker refused the message of " + message.body().length
						+ " bytes to exchange '" + exchange + "' with routing key '" + routingKey + "': "
						+ BrokerErrors.describe(error) + "; it is not sent again", error));
	}

	/**
	 * The outcome of a request written at once: passed on as it is, but for a channel lost before
	 * the confirm, which goes on as {@link #publish}'s {@code Mono} would.
	 */
	private final class FirstAttempt implements PublishOutcome {

		private final List<Declaration> declarations;

		private final String exchange;

		private final String routingKey;

		private final boolean mandatory;

		private final OutgoingMessage message;

		private final PublishOutcome outcome;

		FirstAttempt(List<Declaration> declarations, String exchange, String routingKey, boolean mandatory,
				OutgoingMessage message, PublishOutcome outcome) {
			this.declarations = declarations;
			this.exchange = exchange;
			this.routingKey = routingKey;
			this.mandatory = mandatory;
			this.message = message;
			this.outcome = outcome;
		}

		@Override
		public void published() {
			this.outcome.published();
		}

		@Override
		public boolean publishedInline() {
			return this.outcome.publishedInline();
		}

		@Override
		public void failed(Throwable failure) {
			if (failure instanceof ChannelLostException lost) {
				this.outcome.continueWith(afterLost(lost,
						attempt(this.declarations, this.exchange, this.routingKey, this.mandatory, this.message),
						this.declarations, this.exchange, this.routingKey, this.mandatory, this.message));
				return;
			}
			this.outcome.failed(failure);
		}

	}

	/**
	 * Declares, on a {@code boundedElastic} thread: declaring may connect and wait for the broker,
	 * which must not hold a caller past its timeout.
	 */
	private Mono<Void> declared(List<Declaration> declarations) {
		return Mono.<Void>fromRunnable(() -> this.declarer.declare(declarations))
			.subscribeOn(Schedulers.boundedElastic());
	}

	/** Starts a listener on the listening connection, with the driver's prefetch, back-off and dispatch. */
	private RabbitListener start(String name, ListenerTopology topology, DeliveryHandler handler) {
		if (this.closed) {
			throw new MessagingException("the transport is closed");
		}
		RabbitListener listener = new RabbitListener(name, this.connections, topology, this.options.qosPrefetchCount(),
				this.backoff, handler, this.handsOverOnDispatch, this::forget);
		listener.start();
		this.listeners.add(listener);
		return listener;
	}

	private void forget(RabbitListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * The shared stream {@code <topic>_fanout}, or a fanout queue of this server's own, named by the
	 * queue manager or at random.
	 */
	private String fanoutQueue(String topic) {
		if (this.options.streamFanout()) {
			return QueueNames.fanoutStream(topic);
		}
		return (this.queueManager != null) ? QueueNames.fanoutQueue(topic, this.queueManager.next())
				: QueueNames.newFanoutQueue(topic);
	}

	private String exchangeOf(@Nullable String exchange) {
		return (exchange != null) ? exchange : controlExchange();
	}

	/** Names amqp-client's consumer dispatch threads {@code oslo4j-rabbit-dispatch-N}; daemons. */
	private static final class DispatchThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "oslo4j-rabbit-dispatch-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
