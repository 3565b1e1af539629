package io.oslo4j.messaging.notify;

import java.time.Clock;
import java.util.List;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Sends notifications: oslo.messaging's {@code Notifier}.
 *
 * <p>A notification goes to the transport's control exchange, once per topic, with routing key
 * {@code <topic>.<priority>} ({@code notifications.info}); the queue of that name is declared
 * first, so that it waits for a listener that has yet to start. Its body is exactly what oslo
 * 14.0.3 sends ({@link io.oslo4j.messaging.wire.NotificationMessage}), the payload converted by
 * the notifier's serializer and the context <em>filtered to oslo's whitelist</em> of identity keys
 * ({@code user_id}, {@code request_id}, {@code roles}, ...): an {@code auth_token} or a custom key
 * never leaves the process. The {@link NotificationDriver}s choose how it is sent; several, as
 * oslo's {@code driver} option allows, each send every notification in turn (the same
 * {@code message_id}, each copy its own {@code _unique_id}).
 *
 * <p>Two ways to send, so that failures are never silent:
 * <ul>
 * <li>The priority methods ({@link #info}, {@link #error}, ...) and {@link #notify} behave like
 * oslo's: they never throw for a failed publish; they log it at ERROR and count it in
 * {@link #failedSends()}. They return once the broker has taken the notification; called on a
 * non-blocking Reactor thread, where waiting is not allowed, they start the publish and return
 * at once.</li>
 * <li>{@link #send} returns a cold {@code Mono} that publishes when subscribed, completes once
 * every topic's publish is confirmed, and signals a failure to its subscriber instead:
 * {@link MessageDeliveryFailureException} when the broker could not be reached, or
 * {@link MessagingException} when the payload cannot be converted to JSON.</li>
 * </ul>
 * A publish that fails with {@link MessageDeliveryFailureException} is attempted again up to
 * {@link #retry()} times, with back-off (oslo's {@code retry}: -1, the default, tries until it
 * succeeds), unless the broker refused the message itself
 * ({@link io.oslo4j.messaging.MessageRefusedException}: too large, not allowed), which fails at once.
 *
 * <p>A notifier is immutable and thread-safe; {@link #withPublisherId} and {@link #withRetry} make
 * cheap copies (oslo's {@code prepare}) that share its failure count.
 *
 * @since 0.1
 */
public final class Notifier {

	/** The topic notifications go to unless configured otherwise, as in oslo. */
	public static final String DEFAULT_TOPIC = "notifications";

	private final NotificationPublisher publisher;

	private final @Nullable String publisherId;

	private final int retry;

	private final QuietSending quiet;

	private Notifier(NotificationPublisher publisher, @Nullable String publisherId, int retry, QuietSending quiet) {
		this.publisher = publisher;
		this.publisherId = publisherId;
		this.retry = retry;
		this.quiet = quiet;
	}

	/** A notifier sending as {@code publisherId} to topic {@value #DEFAULT_TOPIC}, enveloped. */
	public static Notifier create(Transport transport, String publisherId) {
		return builder(transport).publisherId(publisherId).build();
	}

	public static Builder builder(Transport transport) {
		return new Builder(transport);
	}

	/** Sends at {@link Priority#AUDIT}; see {@link #notify}. */
	public void audit(RequestContext context, String eventType, @Nullable Object payload) {
		notify(Priority.AUDIT, context, eventType, payload);
	}

	/** Sends at {@link Priority#DEBUG}; see {@link #notify}. */
	public void debug(RequestContext context, String eventType, @Nullable Object payload) {
		notify(Priority.DEBUG, context, eventType, payload);
	}

	/** Sends at {@link Priority#INFO}; see {@link #notify}. */
	public void info(RequestContext context, String eventType, @Nullable Object payload) {
		notify(Priority.INFO, context, eventType, payload);
	}

	/** Sends at {@link Priority#WARN}; see {@link #notify}. */
	public void warn(RequestContext context, String eventType, @Nullable Object payload) {
		notify(Priority.WARN, context, eventType, payload);
	}

	/** The same as {@link #warn}, as oslo's alias: the priority is still {@code WARN}. */
	public void warning(RequestContext context, String eventType, @Nullable Object payload) {
		notify(Priority.WARN, context, eventType, payload);
	}

	/** Sends at {@link Priority#ERROR}; see {@link #notify}. */
	public void error(RequestContext context, String eventType, @Nullable Object payload) {
		notify(Priority.ERROR, context, eventType, payload);
	}

	/** Sends at {@link Priority#CRITICAL}; see {@link #notify}. */
	public void critical(RequestContext context, String eventType, @Nullable Object payload) {
		notify(Priority.CRITICAL, context, eventType, payload);
	}

	/** Sends at {@link Priority#SAMPLE}, for frequent small measurements; see {@link #notify}. */
	public void sample(RequestContext context, String eventType, @Nullable Object payload) {
		notify(Priority.SAMPLE, context, eventType, payload);
	}

	/**
	 * Sends a notification to every topic and returns once the broker has taken it. A failure is
	 * logged and counted in {@link #failedSends()}, never thrown, as oslo's notifier does. On a
	 * non-blocking Reactor thread this starts the publish and returns at once.
	 * @param context the request context; only whitelisted keys are sent
	 * @param eventType what happened, e.g. {@code compute.instance.create.end}
	 * @param payload anything Jackson can convert to JSON; null sends JSON null
	 */
	public void notify(Priority priority, RequestContext context, String eventType, @Nullable Object payload) {
		this.quiet.send(send(priority, context, eventType, payload), priority, eventType, this.publisherId);
	}

	/**
	 * A notification ready to go to every topic: publishes when subscribed, completes when each
	 * publish is confirmed, and signals failures to the subscriber, uncounted in
	 * {@link #failedSends()}. Topics are published one after the other; a failure stops at the topic
	 * that failed. Empty with the {@code noop} driver. Failures are {@link MessageDeliveryFailureException}
	 * or, for a payload JSON cannot hold, {@link MessagingException}; this method itself throws nothing.
	 */
	public Mono<Void> send(Priority priority, RequestContext context, String eventType, @Nullable Object payload) {
		return this.publisher.publish(this.publisherId, priority, context, eventType, payload, this.retry);
	}

	/** A copy that sends as another publisher, sharing this notifier's settings and failure count. */
	public Notifier withPublisherId(@Nullable String publisherId) {
		return new Notifier(this.publisher, publisherId, this.retry, this.quiet);
	}

	/** A copy with another {@link #retry()} (-1 without end, 0 never), sharing the rest and the failure count. */
	public Notifier withRetry(int retry) {
		return new Notifier(this.publisher, this.publisherId, NotificationPublisher.checkRetry(retry), this.quiet);
	}

	/** The {@code publisher_id} of the notifications sent, possibly null as in oslo. */
	public @Nullable String publisherId() {
		return this.publisherId;
	}

	/** The topics each notification is sent to. */
	public List<String> topics() {
		return this.publisher.topics();
	}

	/** The first of the {@link #drivers()}, or {@code noop} when there is none. */
	public NotificationDriver driver() {
		return drivers().isEmpty() ? NotificationDriver.NOOP : drivers().get(0);
	}

	/** The drivers, each sending every notification in this order. */
	public List<NotificationDriver> drivers() {
		return this.publisher.drivers();
	}

	/** How many times a failed publish is attempted again: -1 without end, 0 never. */
	public int retry() {
		return this.retry;
	}

	/** Whether this notifier sends anything: false with no driver or {@code noop} ones only, as in oslo. */
	public boolean isEnabled() {
		return this.publisher.isEnabled();
	}

	/** How many notifications {@link #notify} and the priority methods dropped (and logged), copies included. */
	public long failedSends() {
		return this.quiet.failures();
	}

	/**
	 * Builds a {@link Notifier}. Defaults: no publisher id (JSON null), topic
	 * {@value Notifier#DEFAULT_TOPIC}, driver {@code messagingv2}, retry -1, the UTC system clock.
	 */
	public static final class Builder {

		private final Transport transport;

		private @Nullable String publisherId;

		private List<String> topics = List.of(DEFAULT_TOPIC);

		private List<NotificationDriver> drivers = List.of(NotificationDriver.MESSAGING_V2);

		private int retry = -1;

		private Clock clock = Clock.systemUTC();

		private @Nullable Serializer serializer;

		private @Nullable RoutingConfig routing;

		private Builder(Transport transport) {
			this.transport = transport;
		}

		/** The {@code publisher_id} of the notifications, e.g. {@code compute.host1}. */
		public Builder publisherId(@Nullable String publisherId) {
			this.publisherId = publisherId;
			return this;
		}

		/** The topics each notification is sent to (at least one). */
		public Builder topics(List<String> topics) {
			this.topics = NotificationPublisher.checkTopics(topics);
			return this;
		}

		/** The topics each notification is sent to (at least one). */
		public Builder topics(String... topics) {
			return topics(List.of(topics));
		}

		/**
		 * How payloads and contexts are serialized: oslo's {@code serializer}. Default: Jackson with
		 * the transport's mapper, nothing more.
		 * @since 0.2
		 */
		public Builder serializer(Serializer serializer) {
			this.serializer = serializer;
			return this;
		}

		/** The one driver that sends every notification; {@code messagingv2} by default. */
		public Builder driver(NotificationDriver driver) {
			return drivers(List.of(driver));
		}

		/**
		 * Several drivers, each sending every notification in this order (oslo's multi-valued
		 * {@code driver} option); none, like {@code noop} alone, sends nothing.
		 * @since 0.2
		 */
		public Builder drivers(List<NotificationDriver> drivers) {
			this.drivers = List.copyOf(drivers);
			return this;
		}

		/**
		 * Where the {@code routing} driver sends: oslo's {@code routing_config}, parsed. Required with
		 * that driver, ignored without it.
		 * @since 0.2
		 */
		public Builder routing(RoutingConfig routing) {
			this.routing = routing;
			return this;
		}

		/** How many times a failed publish is attempted again: -1 (the default) without end, 0 never. */
		public Builder retry(int retry) {
			this.retry = NotificationPublisher.checkRetry(retry);
			return this;
		}

		/** The clock that stamps notifications; the system's UTC clock by default. */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * @throws IllegalStateException with the {@code routing} driver but no {@link #routing} configuration
		 */
		public Notifier build() {
			NotificationPublisher publisher = new NotificationPublisher(this.transport, this.topics, this.drivers,
					this.clock, this.serializer, this.routing);
			return new Notifier(publisher, this.publisherId, this.retry, new QuietSending());
		}

	}

}
