package io.oslo4j.messaging.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.BlockingMethodsLeftException;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.server.Decoder;
import io.oslo4j.messaging.server.InFlight;
import io.oslo4j.messaging.server.MessageHandlingServer;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;

/**
 * Serves RPC requests for a target (topic and server) with a set of endpoints: oslo.messaging's
 * {@code RPCServer}.
 *
 * <p>The server consumes three queues: the topic's (shared with the other servers of the topic),
 * its own {@code topic.server} queue, and a fanout queue. Each request is acknowledged before it
 * runs (at most once, as in oslo), dispatched to the first compatible endpoint that has the method,
 * run by the {@link MessagingExecutor}, and answered from the executor's reply scheduler.
 *
 * <p>Lifecycle, as oslo's and the same as a notification listener's (see
 * {@link MessageHandlingServer}): {@link #start()} declares the queues and starts consuming;
 * {@link #stop()} stops taking new requests; {@link #awaitTermination(Duration)} waits for the
 * requests already taken to finish and their replies to be published, then releases the queues.
 * All three are idempotent and thread-safe, and a server can be started again after it has
 * terminated. Endpoints are introspected when the server is built, so a method that cannot be
 * served fails {@link Builder#build()}, not a call.
 *
 * <p>The pipeline of a request: {@link RequestHandler} (decode, deduplicate, check the reply
 * address, resolve, admit), then {@link RequestExecution} (execute, reply through
 * {@link ReplyPublisher}).
 *
 * <p>A server answers reply addresses only: a call whose {@code _reply_q} names anything else (another
 * service's queue, the server's own) is dropped unanswered and not run, counted in
 * {@link #refusedReplies()} and logged once per address; otherwise any caller could make the
 * server write, with its broker permissions, where the caller chose. The addresses are
 * {@link #DEFAULT_REPLY_ADDRESSES}, and those of {@link Builder#additionalReplyAddresses(String)}.
 *
 * @since 0.1
 */
public final class RpcServer extends MessageHandlingServer {

	/** The default bound on requests in flight that hold a worker (oslo's executor_thread_pool_size). */
	public static final int DEFAULT_MAX_BLOCKING_IN_FLIGHT = MessagingExecutors.DEFAULT_POOL_SIZE;

	/** The default bound on asynchronous requests in flight under greenio. */
	public static final int DEFAULT_MAX_ASYNC_IN_FLIGHT = MessageHandlingServer.DEFAULT_MAX_ASYNC_IN_FLIGHT;

	/**
	 * The reply addresses a server answers by default, a regular expression that must match the
	 * whole name: {@code reply_} and 32 hex digits (what oslo's clients since 14.0.3 and oslo4j's
	 * name their reply queues), oslo's queue-manager form {@code reply_<host>:<process>:<n>}
	 * ({@code use_queue_manager}, oslo.messaging 16 and later), and RabbitMQ's direct reply-to
	 * addresses {@code amq.rabbitmq.reply-to.*}.
	 */
	public static final String DEFAULT_REPLY_ADDRESSES = "reply_[0-9a-f]{32}|reply_[^:]+:[^:]+:[0-9]+"
			+ "|amq\\.rabbitmq\\.reply-to\\..+";

	private final Transport transport;

	private final Target target;

	private final RpcDispatcher dispatcher;

	private final RpcObserver observer;

	private final Serializer serializer;

	private final ReplyAddressRule replyAddresses;

	private RpcServer(Builder builder, RpcDispatcher dispatcher, MessagingExecutor executor, boolean ownsExecutor) {
		super(executor, ownsExecutor, new InFlight(builder.maxBlockingInFlight, builder.maxAsyncInFlight));
		this.transport = builder.transport;
		this.target = builder.target;
		this.dispatcher = dispatcher;
		this.observer = builder.observer;
		this.serializer = (builder.serializer != null) ? builder.serializer
				: Serializer.jackson(builder.transport.envelope().mapper());
		this.replyAddresses = new ReplyAddressRule(builder.additionalReplyAddresses);
	}

	public static Builder builder(Transport transport, Target target) {
		return new Builder(transport, target);
	}

	/**
	 * Declares the server's queues (topic, topic.server, fanout) and returns the subscription.
	 * @throws io.oslo4j.messaging.InvalidTargetException if the target lacks a topic or a server
	 */
	@Override
	protected Listener subscribe() {
		this.target.requireServer();
		ReplyPublisher replies = new ReplyPublisher(this.transport.driver(), this.transport.envelope(),
				this.replyAddresses);
		RequestExecution execution = new RequestExecution(executor(), replies, this.observer, this.target,
				inFlightBound());
		RequestHandler handler = new RequestHandler(this.dispatcher, executor(), inFlightBound(),
				new Decoder(this.transport.envelope()), execution, this::accepting, this.serializer);
		return this.transport.driver().listen(this.target, handler);
	}

	@Override
	protected String name() {
		return "RPC server " + this.target + " serving " + this.dispatcher.methodNames();
	}

	/**
	 * Calls dropped unanswered since the server was built because their reply queue was not a
	 * reply address: a caller that tried to make the server write elsewhere, or a client whose
	 * reply queues {@link Builder#additionalReplyAddresses(String)} should admit.
	 */
	public long refusedReplies() {
		return this.replyAddresses.refused();
	}

	public Target target() {
		return this.target;
	}

	public ExecutorKind executorKind() {
		return executor().kind();
	}

	@Override
	public ServerDescription describe() {
		ExecutorKind kind = executor().kind();
		return new ServerDescription(ServerDescription.Type.RPC_SERVER, List.of(this.target), kind, describeLanes(),
				this.dispatcher.describe(kind));
	}

	/** Builds an {@link RpcServer}. */
	public static final class Builder {

		private final Transport transport;

		private final Target target;

		private final List<Endpoint> endpoints = new ArrayList<>();

		private AccessPolicy accessPolicy = AccessPolicy.DEFAULT;

		private @Nullable MessagingExecutor executor;

		private ExecutorKind executorKind = ExecutorKind.EVENTLET;

		private int maxBlockingInFlight = DEFAULT_MAX_BLOCKING_IN_FLIGHT;

		private int maxAsyncInFlight = DEFAULT_MAX_ASYNC_IN_FLIGHT;

		private RpcObserver observer = RpcObserver.NONE;

		private @Nullable Serializer serializer;

		private boolean pingEnabled;

		private @Nullable Pattern additionalReplyAddresses;

		private Builder(Transport transport, Target target) {
			this.transport = transport;
			this.target = target;
		}

		/** Adds an endpoint whose target comes from its {@link RpcEndpoint} annotation. */
		public Builder endpoint(Object bean) {
			this.endpoints.add((bean instanceof Endpoint endpoint) ? endpoint : Endpoint.of(bean));
			return this;
		}

		/** Adds endpoints, in dispatch order. */
		public Builder endpoints(Object... beans) {
			for (Object bean : beans) {
				endpoint(bean);
			}
			return this;
		}

		public Builder accessPolicy(AccessPolicy accessPolicy) {
			this.accessPolicy = accessPolicy;
			return this;
		}

		/** The executor to run endpoint methods (not owned by the server). */
		public Builder executor(MessagingExecutor executor) {
			this.executor = executor;
			return this;
		}

		/** The kind of executor the server creates and owns, when none is given. Default eventlet. */
		public Builder executor(ExecutorKind kind) {
			this.executorKind = kind;
			return this;
		}

		/** The bound on requests in flight that hold a worker. */
		public Builder maxBlockingInFlight(int max) {
			this.maxBlockingInFlight = InFlight.requirePositive(max, "maxBlockingInFlight");
			return this;
		}

		/** The bound on asynchronous requests in flight under greenio. */
		public Builder maxAsyncInFlight(int max) {
			this.maxAsyncInFlight = InFlight.requirePositive(max, "maxAsyncInFlight");
			return this;
		}

		/**
		 * Whether the server answers oslo's {@code oslo_rpc_server_ping} with {@code "pong"}, as oslo's
		 * servers do with {@code rpc_ping_enabled}; off by default, as in oslo.
		 * @since 0.2
		 */
		public Builder pingEnabled(boolean pingEnabled) {
			this.pingEnabled = pingEnabled;
			return this;
		}

		/** The observer of the calls the server serves; none by default. */
		public Builder observer(RpcObserver observer) {
			this.observer = observer;
			return this;
		}

		/**
		 * How contexts, arguments and results are (de)serialized: oslo's {@code serializer}. Default:
		 * Jackson with the transport's mapper, nothing more.
		 * @since 0.2
		 */
		public Builder serializer(Serializer serializer) {
			this.serializer = serializer;
			return this;
		}

		/**
		 * Widens the reply-address rule: the server also answers reply queues whose whole name
		 * matches this regular expression, beside {@link RpcServer#DEFAULT_REPLY_ADDRESSES}. For
		 * clients that name their reply queues otherwise than oslo's; {@code .*} turns the rule
		 * off, which lets any caller make the server write into any queue.
		 * @throws IllegalArgumentException if it is not a regular expression
		 */
		public Builder additionalReplyAddresses(String regex) {
			try {
				this.additionalReplyAddresses = Pattern.compile(regex);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException("additionalReplyAddresses (messaging.server.additional-reply-addresses) \""
						+ regex + "\" is not a regular expression: " + ex.getDescription() + " near index " + ex.getIndex(),
						ex);
			}
			return this;
		}

		/**
		 * Builds the server, introspecting the endpoints.
		 * @throws io.oslo4j.messaging.endpoint.EndpointDefinitionException if an endpoint method cannot be served
		 * @throws BlockingMethodsLeftException if the executor is {@code reactive} and a method
		 * returns a plain value
		 */
		public RpcServer build() {
			RpcDispatcher dispatcher = new RpcDispatcher(this.endpoints, this.accessPolicy,
					this.transport.envelope().mapper(), this.pingEnabled);
			ExecutorKind kind = (this.executor != null) ? this.executor.kind() : this.executorKind;
			if (kind == ExecutorKind.REACTIVE) {
				List<ServerDescription.Method> blocking = dispatcher.describe(kind)
					.stream()
					.filter((method) -> !method.reactive())
					.toList();
				if (!blocking.isEmpty()) {
					throw new BlockingMethodsLeftException(blocking);
				}
			}
			if (this.executor != null) {
				return new RpcServer(this, dispatcher, this.executor, false);
			}
			return new RpcServer(this, dispatcher, MessagingExecutors.create(this.executorKind), true);
		}

	}

}
