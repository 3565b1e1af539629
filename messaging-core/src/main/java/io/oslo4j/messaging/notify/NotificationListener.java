package io.oslo4j.messaging.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.oslo4j.messaging.InvalidTargetException;
import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.BlockingMethodsLeftException;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.server.Decoder;
import io.oslo4j.messaging.server.InFlight;
import io.oslo4j.messaging.server.MessageHandlingServer;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;

/**
 * Receives notifications and hands them to endpoints: oslo.messaging's notification listener
 * ({@code get_notification_listener}, and {@code get_batch_notification_listener} with
 * {@link Builder#batch(int, Duration)}).
 *
 * <h2>Endpoints</h2>
 * Any object, its methods named after a priority or annotated {@link OnNotification}, introspected
 * once by {@link Builder#build()}: see {@linkplain io.oslo4j.messaging.notify the package}.
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
 * {@link Builder#maxInFlight(int)} notifications (batches, for a batch listener) that hold a worker
 * are dispatched at once, and at most {@link Builder#maxAsyncInFlight(int)} that do not (greenio's
 * reactive methods), so slow blocking methods cannot starve reactive ones; beyond that the
 * transport's consumer thread waits, which is the back-pressure.
 *
 * <h2>Lifecycle and pipeline</h2>
 * An RPC server's (see {@link MessageHandlingServer}); {@link #stop()} also dispatches a partly
 * filled batch at once. A notification goes through {@link NotificationReceiver} (decode,
 * deduplicate, batch, admit), the dispatcher, then {@link Acknowledgement} (ack or requeue).
 *
 * @since 0.1
 */
public final class NotificationListener extends MessageHandlingServer {

	/** How many times a notification is requeued, by default, before it is rejected for good. */
	public static final int DEFAULT_MAX_REQUEUES = 10;

	private final Transport transport;

	private final List<Target> targets;

	private final NotificationReceiver.Settings settings;

	private final ListenerEndpoints endpoints;

	private NotificationListener(Builder builder, MessagingExecutor executor, ListenerEndpoints endpoints) {
		super(executor, false, new InFlight(builder.maxInFlight, builder.maxAsyncInFlight));
		this.transport = builder.transport;
		this.targets = List.copyOf(builder.targets);
		this.settings = new NotificationReceiver.Settings(builder.pool, builder.allowRequeue, builder.maxRequeues,
				builder.batching);
		this.endpoints = endpoints;
	}

	public static Builder builder(Transport transport) {
		return new Builder(transport);
	}

	/**
	 * Declares the queues and returns the subscription.
	 * @throws InvalidTargetException when a target has no topic
	 */
	@Override
	protected Listener subscribe() {
		List<NotificationBinding> bindings = bindings();
		return new NotificationReceiver(new Decoder(this.transport.envelope()), this.endpoints.dispatch(),
				this.endpoints.lanes(executor()), inFlightBound(), this.settings)
			.subscribe(this.transport.driver(), bindings);
	}

	@Override
	protected String name() {
		return "Notification listener of " + this.targets + ((this.settings.pool() != null) ? " in pool " + this.settings.pool() : "");
	}

	/** The topics (and exchanges) the listener consumes. */
	public List<Target> targets() {
		return this.targets;
	}

	/** The priorities some endpoint handles: the only ones consumed. */
	public Set<Priority> priorities() {
		return this.endpoints.priorities();
	}

	@Override
	public ServerDescription describe() {
		return new ServerDescription(ServerDescription.Type.NOTIFICATION_LISTENER, this.targets, executor().kind(),
				describeLanes(), this.endpoints.describe(executor()));
	}

	/** What is consumed: every target's topic with every handled priority. */
	List<NotificationBinding> bindings() {
		return this.endpoints.bindings(this.targets);
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

		private int maxAsyncInFlight = DEFAULT_MAX_ASYNC_IN_FLIGHT;

		private NotificationReceiver.@Nullable Batching batching;

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

		/** How many notifications (or batches) that hold a worker may be dispatched at once. */
		public Builder maxInFlight(int maxInFlight) {
			this.maxInFlight = InFlight.requirePositive(maxInFlight, "maxInFlight");
			return this;
		}

		/**
		 * How many notifications (or batches) that hold no worker (greenio's reactive methods) may
		 * be dispatched at once; default {@value MessageHandlingServer#DEFAULT_MAX_ASYNC_IN_FLIGHT}.
		 * @since 0.3
		 */
		public Builder maxAsyncInFlight(int maxAsyncInFlight) {
			this.maxAsyncInFlight = InFlight.requirePositive(maxAsyncInFlight, "maxAsyncInFlight");
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
			this.batching = new NotificationReceiver.Batching(size, timeout);
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
			return new NotificationListener(this, executor, ListenerEndpoints
				.introspect(this.endpoints, serializer, executor, this.batching != null)
				.requireRunnableOn(executor));
		}

	}

}
