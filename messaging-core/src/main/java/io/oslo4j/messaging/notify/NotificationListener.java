package io.oslo4j.messaging.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.oslo4j.messaging.InvalidTargetException;
import io.oslo4j.messaging.MessagingServer;
import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.BlockingMethodsLeftException;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Receives notifications and hands them to endpoints: oslo.messaging's notification listener
 * ({@code get_notification_listener}, and {@code get_batch_notification_listener} with
 * {@link Builder#batch(int, Duration)}).
 *
 * <h2>Endpoints</h2>
 * An endpoint is any object; a class annotated {@link NotificationEndpoint} is also how
 * applications find endpoints and where a filter is declared. Its <em>public</em> methods named
 * after a priority ({@code audit}, {@code debug}, {@code info}, {@code warn}, {@code error},
 * {@code critical}, {@code sample}; as in oslo, {@code warning} is not one) handle that priority;
 * a method annotated {@link OnNotification} handles the priorities it lists, whatever its name.
 * One method per priority and endpoint. Parameters are bound by type or role, in any order, each
 * optional:
 * <ul>
 * <li>{@link io.oslo4j.messaging.RequestContext}: the sender's context (whitelisted by the sender)
 * plus {@code client_timeout}, null, exactly as a Python endpoint's {@code ctxt};</li>
 * <li>the payload: the parameter named {@code payload}, or annotated {@link NotificationPayload},
 * converted by Jackson to its declared (generic) type;</li>
 * <li>{@code String publisherId} and {@code String eventType}, by name (the build compiles with
 * {@code -parameters});</li>
 * <li>{@link NotificationMetadata} ({@code message_id}, {@code timestamp}), {@link Priority}, or
 * the whole {@link Notification Notification&lt;P&gt;}.</li>
 * </ul>
 * A method returns {@code void} (or null: {@link NotificationResult#HANDLED}), a
 * {@link NotificationResult}, or asynchronously a {@code Mono} or {@code CompletionStage} of
 * {@code NotificationResult} or {@code Void}. A batch listener's methods take one
 * {@code List<Notification<P>>} instead. Endpoints are introspected once, by {@link Builder#build()};
 * a method that cannot be used fails there with a message naming it and the fix.
 *
 * <pre>{@code
 * @NotificationEndpoint(eventType = "compute\\.instance\\.")
 * class InstanceEvents {
 *     public void info(RequestContext ctx, String eventType, InstancePayload payload) { ... }
 *     public Mono<NotificationResult> error(InstancePayload payload) { ... }
 * }
 * }</pre>
 *
 * <h2>Subscription and dispatch</h2>
 * The listener consumes the cross product of its targets (each needs a topic, checked by
 * {@link #start()}) and the priorities some endpoint handles: queue {@code <topic>.<priority>}
 * on the target's exchange (or the control exchange), where listeners of a topic compete; with a
 * {@link Builder#pool(String) pool}, a single queue named after the pool, so every pool receives
 * its own copy. A notification's priority is read from its body in any case (oslo's command-line
 * tool sends it lower-case); an unknown one is logged and acknowledged. The methods for its
 * priority are called in endpoint order, one at a time, skipping endpoints whose filter does not
 * match, until one returns {@link NotificationResult#REQUEUE}; an exception counts as
 * {@code REQUEUE} and is logged. Then the notification is acknowledged (at least once: after
 * handling) or, on {@code REQUEUE} when {@link Builder#allowRequeue(boolean)} is set, rejected
 * back to its queue; a notification requeued {@link Builder#maxRequeues(int)} times already is
 * rejected for good instead (and logged at ERROR), so that one that always fails cannot go round
 * forever. A message that cannot be decoded is rejected without requeue and the listener
 * goes on; a duplicate of one of the last 16 acknowledged ({@code _unique_id}) is dropped.
 *
 * <h2>Threads</h2>
 * Methods run on the {@link MessagingExecutor}: under {@code eventlet} on its task executor;
 * under {@code greenio} asynchronous methods run on its reactive scheduler and hold no worker.
 * Acknowledgements are made once the outcome is known, on its reply scheduler (on the consumer
 * thread when no method had to run: an unknown priority, no matching endpoint). At most
 * {@link Builder#maxInFlight(int)} notifications (batches, for a batch listener) are dispatched at
 * once; beyond that the transport's consumer thread waits, which is the back-pressure.
 *
 * <h2>Lifecycle</h2>
 * {@link #start()} subscribes; {@link #stop()} stops taking messages (dispatches already accepted
 * go on; a partly filled batch is dispatched at once); {@link #awaitTermination(Duration)} waits
 * for them to be settled and closes the subscription. The listener may then be started again.
 * The lifecycle methods are thread-safe.
 *
 * @since 0.1
 */
public final class NotificationListener implements MessagingServer {

	/** How many times a notification is requeued, by default, before it is rejected for good. */
	public static final int DEFAULT_MAX_REQUEUES = 10;

	private final Transport transport;

	private final List<Target> targets;

	private final @Nullable String pool;

	private final boolean allowRequeue;

	private final int maxRequeues;

	private final int maxInFlight;

	private final Set<Priority> priorities;

	private final List<EndpointMethod<?>> methods;

	private final MessagingExecutor executor;

	private final Function<List<Notification<JsonNode>>, Mono<Set<Priority>>> dispatch;

	private final ListenerRun.@Nullable Batching batching;

	private final Object lifecycle = new Object();

	private @Nullable ListenerRun run;

	private boolean stopping;

	private NotificationListener(Builder builder, MessagingExecutor executor,
			Map<Priority, ? extends List<? extends EndpointMethod<?>>> methods,
			Function<List<Notification<JsonNode>>, Mono<Set<Priority>>> dispatch) {
		this.transport = builder.transport;
		this.targets = List.copyOf(builder.targets);
		this.pool = builder.pool;
		this.allowRequeue = builder.allowRequeue;
		this.maxRequeues = builder.maxRequeues;
		this.maxInFlight = builder.maxInFlight;
		this.batching = builder.batching;
		this.priorities = Set.copyOf(methods.keySet());
		Set<EndpointMethod<?>> distinct = new LinkedHashSet<>();
		methods.values().forEach(distinct::addAll);
		this.methods = List.copyOf(distinct);
		this.executor = executor;
		this.dispatch = dispatch;
	}

	public static Builder builder(Transport transport) {
		return new Builder(transport);
	}

	/**
	 * Declares the queues and starts consuming. Does nothing when already running.
	 * @throws InvalidTargetException when a target has no topic
	 * @throws IllegalStateException when stopped but not yet terminated
	 */
	@Override
	public void start() {
		synchronized (this.lifecycle) {
			if (this.stopping) {
				throw new IllegalStateException("The notification listener was stopped; call awaitTermination() "
						+ "before starting it again");
			}
			if (this.run != null) {
				return;
			}
			List<NotificationBinding> bindings = bindings();
			ListenerRun started = new ListenerRun(this.transport.envelope(), this.allowRequeue, this.maxRequeues,
					this.maxInFlight, this.dispatch, this.batching);
			try {
				started.start(this.transport.driver(), bindings, this.pool);
			}
			catch (RuntimeException ex) {
				started.awaitTermination(Duration.ZERO);
				throw ex;
			}
			this.run = started;
		}
	}

	/**
	 * Stops taking messages: once this returns, no new message is dispatched, but those already
	 * taken are (see {@link #awaitTermination(Duration)}). Does nothing when not running.
	 */
	@Override
	public void stop() {
		synchronized (this.lifecycle) {
			if (this.run != null && !this.stopping) {
				this.run.stop();
				this.stopping = true;
			}
		}
	}

	/**
	 * Stops (if still running), then waits until every message taken before is settled (handled and acknowledged,
	 * or requeued), then closes the subscription; the listener can then be started again. When the
	 * timeout passes first, the subscription is closed anyway: the messages still being handled go
	 * back to their queue, to be delivered again, and their late outcomes are ignored. Returns at
	 * once when not started. An interrupt ends the wait like a timeout, and is kept.
	 * @return whether everything was settled within the timeout
	 */
	@Override
	public boolean awaitTermination(Duration timeout) {
		stop();
		ListenerRun stopped;
		synchronized (this.lifecycle) {
			if (this.run == null) {
				return true;
			}
			stopped = this.run;
		}
		boolean settled = stopped.awaitTermination(timeout);
		synchronized (this.lifecycle) {
			if (this.run == stopped) {
				this.run = null;
				this.stopping = false;
			}
		}
		return settled;
	}

	/** Whether the transport subscription is consuming right now. */
	public boolean isConsuming() {
		synchronized (this.lifecycle) {
			return this.run != null && !this.stopping && this.run.isConsuming();
		}
	}

	/** Notifications taken and not yet settled. */
	public int inFlight() {
		synchronized (this.lifecycle) {
			return (this.run != null) ? this.run.inFlight() : 0;
		}
	}

	/** The topics (and exchanges) the listener consumes. */
	public List<Target> targets() {
		return this.targets;
	}

	/** Whether the listener is started and not stopped. */
	@Override
	public boolean isRunning() {
		synchronized (this.lifecycle) {
			return this.run != null && !this.stopping;
		}
	}

	/** The priorities some endpoint handles: the only ones consumed. */
	public Set<Priority> priorities() {
		return this.priorities;
	}

	@Override
	public ServerDescription describe() {
		ExecutorKind kind = this.executor.kind();
		List<ServerDescription.Method> described = this.methods.stream()
			.map((method) -> new ServerDescription.Method(
					Arrays.stream(Priority.values()).filter(method.priorities()::contains).map(Priority::routingName).toList(), method.method(),
					null, null, method.reactive(), !method.reactive() || kind == ExecutorKind.EVENTLET,
					method.blockingCalls()))
			.toList();
		ServerDescription.Lane lane = new ServerDescription.Lane(ServerDescription.DISPATCH_LANE, inFlight(),
				this.maxInFlight);
		return new ServerDescription(ServerDescription.Type.NOTIFICATION_LISTENER, this.targets, kind, List.of(lane),
				described);
	}

	/** What is consumed: every target's topic with every handled priority. */
	List<NotificationBinding> bindings() {
		List<NotificationBinding> bindings = new ArrayList<>();
		for (Target target : this.targets) {
			String topic = target.requireTopic("a notification listener");
			for (Priority priority : Priority.values()) {
				if (this.priorities.contains(priority)) {
					bindings.add(new NotificationBinding(target.exchange(), topic, priority.routingName()));
				}
			}
		}
		return bindings;
	}

	/**
	 * Builds a {@link NotificationListener}. Targets, endpoints and an executor are required;
	 * by default there is no pool, requeueing is not allowed (as in oslo), a notification is
	 * requeued at most {@value #DEFAULT_MAX_REQUEUES} times when it is, and at most
	 * {@value MessagingExecutors#DEFAULT_POOL_SIZE} dispatches run at once.
	 */
	public static final class Builder {

		private final Transport transport;

		private final List<Target> targets = new ArrayList<>();

		private final List<NotificationMethods.Registration> endpoints = new ArrayList<>();

		private @Nullable MessagingExecutor executor;

		private @Nullable String pool;

		private boolean allowRequeue;

		private int maxRequeues = DEFAULT_MAX_REQUEUES;

		private int maxInFlight = MessagingExecutors.DEFAULT_POOL_SIZE;

		private ListenerRun.@Nullable Batching batching;

		private @Nullable Serializer serializer;

		private Builder(Transport transport) {
			this.transport = transport;
		}

		/** Adds a target to listen to; it needs a topic, and may name an exchange. */
		public Builder target(Target target) {
			this.targets.add(target);
			return this;
		}

		/** Adds targets to listen to. */
		public Builder targets(List<Target> targets) {
			this.targets.addAll(targets);
			return this;
		}

		/** Adds an endpoint, filtered by its {@link NotificationEndpoint} annotation if it has one. */
		public Builder endpoint(Object endpoint) {
			this.endpoints.add(new NotificationMethods.Registration(endpoint, null));
			return this;
		}

		/** Adds an endpoint with a filter, which replaces any its annotation describes. */
		public Builder endpoint(Object endpoint, NotificationFilter filter) {
			this.endpoints.add(new NotificationMethods.Registration(endpoint, filter));
			return this;
		}

		/** Adds endpoints, each filtered by its annotation if it has one. */
		public Builder endpoints(List<?> endpoints) {
			endpoints.forEach(this::endpoint);
			return this;
		}

		/** The executor that runs endpoint methods (required; not shut down by the listener). */
		public Builder executor(MessagingExecutor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * Listens as a member of a pool: one queue named exactly {@code pool}, bound to every
		 * target's topic and priority; each pool receives every notification, and the listeners
		 * of a pool share them. Null (the default) consumes the shared {@code <topic>.<priority>} queues.
		 */
		public Builder pool(@Nullable String pool) {
			this.pool = pool;
			return this;
		}

		/** Whether a {@link NotificationResult#REQUEUE} puts the notification back in its queue; false by default, as in oslo. */
		public Builder allowRequeue(boolean allowRequeue) {
			this.allowRequeue = allowRequeue;
			return this;
		}

		/**
		 * How many times this listener puts one notification back in its queue, when requeueing is
		 * allowed, before it rejects it without requeue: the notification is then dropped, or
		 * dead-lettered if its queue has a dead-letter exchange (a RabbitMQ policy), and an ERROR
		 * names it. Counted per listener, or from a quorum queue's {@code x-delivery-count}
		 * (see also {@code rabbit_quorum_delivery_limit}). -1 requeues without end, as oslo does.
		 * Default {@value #DEFAULT_MAX_REQUEUES}.
		 */
		public Builder maxRequeues(int maxRequeues) {
			if (maxRequeues < -1) {
				throw new IllegalArgumentException("maxRequeues must be -1 (without end), 0 or more, was " + maxRequeues);
			}
			this.maxRequeues = maxRequeues;
			return this;
		}

		/** How many notifications (or batches) may be dispatched at once. */
		public Builder maxInFlight(int maxInFlight) {
			if (maxInFlight < 1) {
				throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
			}
			this.maxInFlight = maxInFlight;
			return this;
		}

		/**
		 * Makes a batch listener: notifications are handed to endpoint methods taking a
		 * {@code List<Notification<P>>}, in batches of {@code size}, or fewer when {@code timeout}
		 * has passed since the first notification of the batch.
		 */
		public Builder batch(int size, Duration timeout) {
			if (size < 1 || timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("a batch needs a size of at least 1 and a positive timeout, was "
						+ size + " and " + timeout);
			}
			this.batching = new ListenerRun.Batching(size, timeout);
			return this;
		}

		/**
		 * How contexts and payloads are deserialized for the endpoints: oslo's {@code serializer}.
		 * Default: Jackson with the transport's mapper, nothing more.
		 * @since 0.2
		 */
		public Builder serializer(Serializer serializer) {
			this.serializer = serializer;
			return this;
		}

		/**
		 * Introspects the endpoints and builds the listener (not yet started).
		 * @throws IllegalArgumentException naming the endpoint method and the fix, when one cannot
		 * be used; or when the targets, endpoints or executor are missing
		 * @throws BlockingMethodsLeftException if the executor is {@code reactive} and a method
		 * returns a plain value
		 */
		public NotificationListener build() {
			NotificationListener listener = introspect();
			List<ServerDescription.Method> blocking = listener.describe().blockingMethods();
			if (listener.executor.kind() == ExecutorKind.REACTIVE && !blocking.isEmpty()) {
				throw new BlockingMethodsLeftException(blocking);
			}
			return listener;
		}

		private NotificationListener introspect() {
			if (this.targets.isEmpty()) {
				throw new IllegalArgumentException("A notification listener needs at least one target, e.g. "
						+ "Target.topic(\"notifications\")");
			}
			MessagingExecutor executor = this.executor;
			if (executor == null) {
				throw new IllegalArgumentException("A notification listener needs an executor, e.g. "
						+ "MessagingExecutors.create(ExecutorKind.EVENTLET)");
			}
			Serializer serializer = (this.serializer != null) ? this.serializer
					: Serializer.jackson(this.transport.envelope().mapper());
			if (this.batching != null) {
				BatchDispatcher batches = BatchDispatcher.of(this.endpoints, serializer, executor);
				return new NotificationListener(this, executor, batches.methods(), batches::dispatch);
			}
			NotificationDispatcher dispatcher = NotificationDispatcher.of(this.endpoints, serializer, executor);
			return new NotificationListener(this, executor, dispatcher.methods(), (unit) -> {
				Notification<JsonNode> notification = unit.get(0);
				return dispatcher.dispatch(notification)
					.map((result) -> (result == NotificationResult.REQUEUE) ? EnumSet.of(notification.priority())
							: EnumSet.noneOf(Priority.class));
			});
		}

	}

}
