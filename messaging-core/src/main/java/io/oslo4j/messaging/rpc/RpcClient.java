package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.oslo4j.messaging.InvalidTargetException;
import io.oslo4j.messaging.MessageRefusedException;
import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.RpcVersionCapException;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.Version;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.RemoteFailure;
import io.oslo4j.messaging.wire.RpcReply;
import io.oslo4j.messaging.wire.RpcRequest;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls and casts to RPC servers: oslo.messaging's {@code RPCClient}.
 *
 * <p>A client is immutable and thread-safe; the {@code withXxx} methods return a copy with one
 * setting changed (oslo's {@code prepare}), sharing the transport and its reply queue.
 * Arguments are keyword arguments, converted to JSON by the transport's mapper.
 *
 * <ul>
 * <li>{@link #call} waits for the result and returns it, or throws the remote failure
 * ({@link io.oslo4j.messaging.RemoteException} or an allowed type), or
 * {@link MessagingTimeoutException} once the timeout has passed. A call never waits past its
 * timeout and never returns {@code null} for a timeout. {@link #callAsync} is the same as a
 * {@code Mono}, which sends when subscribed.</li>
 * <li>{@link #cast} returns once the broker has the message; nothing comes back.</li>
 * <li>Checks made before anything is sent: the target has a topic
 * ({@link InvalidTargetException}); a call does not fan out ({@link InvalidTargetException}); the
 * version is within the version cap ({@link RpcVersionCapException}).</li>
 * </ul>
 *
 * @since 0.1
 */
public final class RpcClient {

	/** oslo's default {@code rpc_response_timeout}. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	/** The default publish retry, built once rather than on every call. */
	private static final Retry RETRY_UNTIL_SENT = publishRetry(Long.MAX_VALUE);

	private final Transport transport;

	private final Target target;

	private final @Nullable Duration timeout;

	private final @Nullable String versionCap;

	private final @Nullable Integer retry;

	private final @Nullable Duration callMonitorTimeout;

	private final boolean atLeastOnce;

	private final RemoteExceptionTranslator remoteExceptions;

	private final RpcObserver observer;

	private final Serializer serializer;

	private RpcClient(Transport transport, Target target, @Nullable Duration timeout, @Nullable String versionCap,
			@Nullable Integer retry, @Nullable Duration callMonitorTimeout, boolean atLeastOnce,
			RemoteExceptionTranslator remoteExceptions, RpcObserver observer, Serializer serializer) {
		this.transport = transport;
		this.target = target;
		this.timeout = timeout;
		this.versionCap = versionCap;
		this.retry = retry;
		this.callMonitorTimeout = callMonitorTimeout;
		this.atLeastOnce = atLeastOnce;
		this.remoteExceptions = remoteExceptions;
		this.observer = observer;
		this.serializer = serializer;
	}

	/** A client for a target, with oslo's defaults: 60 s timeout, no version cap. */
	public static RpcClient create(Transport transport, Target target) {
		return builder(transport, target).build();
	}

	public static Builder builder(Transport transport, Target target) {
		return new Builder(transport, target);
	}

	public Target target() {
		return this.target;
	}

	/** The timeout of calls, or null when calls wait forever. */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	public RpcClient withTarget(Target target) {
		return new RpcClient(this.transport, target, this.timeout, this.versionCap, this.retry, this.callMonitorTimeout,
				this.atLeastOnce, this.remoteExceptions, this.observer, this.serializer);
	}

	/** A copy that sends to one server ({@code topic.server}), or to the topic again with null. */
	public RpcClient withServer(@Nullable String server) {
		return withTarget(this.target.withServer(server));
	}

	/** A copy that casts to every server of the topic. Calls from it are refused. */
	public RpcClient withFanout(boolean fanout) {
		return withTarget(this.target.withFanout(fanout));
	}

	public RpcClient withNamespace(@Nullable String namespace) {
		return withTarget(this.target.withNamespace(namespace));
	}

	/**
	 * A copy that requests another version.
	 * @throws io.oslo4j.messaging.MessagingException if it is not {@code MAJOR.MINOR[.REVISION]}
	 */
	public RpcClient withVersion(@Nullable String version) {
		return withTarget(this.target.withVersion(version));
	}

	public RpcClient withExchange(@Nullable String exchange) {
		return withTarget(this.target.withExchange(exchange));
	}

	/** A copy whose calls time out after {@code timeout}; {@link Duration#ZERO} times out at once. */
	public RpcClient withTimeout(Duration timeout) {
		return new RpcClient(this.transport, this.target, timeout, this.versionCap, this.retry, this.callMonitorTimeout,
				this.atLeastOnce, this.remoteExceptions, this.observer, this.serializer);
	}

	/** A copy whose calls wait forever (oslo's {@code timeout=None}). */
	public RpcClient withoutTimeout() {
		return new RpcClient(this.transport, this.target, null, this.versionCap, this.retry, this.callMonitorTimeout,
				this.atLeastOnce, this.remoteExceptions, this.observer, this.serializer);
	}

	/** A copy that refuses versions above the cap; null removes the cap. */
	public RpcClient withVersionCap(@Nullable String versionCap) {
		if (versionCap != null) {
			Version.parse(versionCap);
		}
		return new RpcClient(this.transport, this.target, this.timeout, versionCap, this.retry, this.callMonitorTimeout,
				this.atLeastOnce, this.remoteExceptions, this.observer, this.serializer);
	}

	/**
	 * A copy that retries a publish that failed: null or negative retries until the call's timeout
	 * (forever for casts), 0 tries once, N retries N times. A message the broker took is never sent
	 * again, nor one it refused ({@link io.oslo4j.messaging.MessageRefusedException}: too large, not
	 * allowed), which fails at once.
	 */
	public RpcClient withRetry(@Nullable Integer retry) {
		return new RpcClient(this.transport, this.target, this.timeout, this.versionCap, retry, this.callMonitorTimeout,
				this.atLeastOnce, this.remoteExceptions, this.observer, this.serializer);
	}

	/**
	 * A copy whose calls ask the server for heartbeats and fail when none arrives within
	 * {@code callMonitorTimeout} (the overall timeout still applies); null turns it off.
	 */
	public RpcClient withCallMonitorTimeout(@Nullable Duration callMonitorTimeout) {
		return new RpcClient(this.transport, this.target, this.timeout, this.versionCap, this.retry, callMonitorTimeout,
				this.atLeastOnce, this.remoteExceptions, this.observer, this.serializer);
	}

	/**
	 * A copy whose requests are mandatory: a request no queue takes fails at once with
	 * {@link io.oslo4j.messaging.MessageUndeliverableException} instead of timing out. Fanout casts
	 * are never mandatory.
	 */
	public RpcClient withAtLeastOnce(boolean atLeastOnce) {
		return new RpcClient(this.transport, this.target, this.timeout, this.versionCap, this.retry, this.callMonitorTimeout,
				atLeastOnce, this.remoteExceptions, this.observer, this.serializer);
	}

	/**
	 * How this client (de)serializes arguments, contexts and typed results.
	 * @since 0.2
	 */
	public Serializer serializer() {
		return this.serializer;
	}

	/** Whether this client may send a message at {@code version} under its version cap. */
	public boolean canSendVersion(@Nullable String version) {
		return this.versionCap == null || Version.isCompatible(this.versionCap, version);
	}

	/**
	 * Calls a method and returns its JSON result as received, not deserialized (a JSON null node when
	 * the method returned nothing).
	 */
	public JsonNode call(RequestContext context, String method, Map<String, ?> args) {
		JsonNode result = callAsync(context, method, args).block();
		return (result != null) ? result : mapper().nullNode();
	}

	/** Calls a method and returns its result converted to {@code resultType}, or null. */
	public <T> @Nullable T call(RequestContext context, String method, Map<String, ?> args, Class<T> resultType) {
		return callAsync(context, method, args, resultType).block();
	}

	/** Calls a method and returns its result deserialized as a generic type, or null. */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T call(RequestContext context, String method, Map<String, ?> args, TypeReference<T> resultType) {
		JsonNode result = call(context, method, args);
		return result.isNull() ? null : (T) this.serializer.deserializeEntity(context, result, resultType.getType());
	}

	/** The call as a {@code Mono} of its JSON result, sent on subscription. */
	public Mono<JsonNode> callAsync(RequestContext context, String method, Map<String, ?> args) {
		return observed(context, method, true, (sent) -> sendCall(sent, method, toArgs(context, args)));
	}

	/** The call as a {@code Mono} of its result deserialized as {@code resultType}; empty for null. */
	@SuppressWarnings("unchecked")
	public <T> Mono<T> callAsync(RequestContext context, String method, Map<String, ?> args, Class<T> resultType) {
		return callAsync(context, method, args).filter((node) -> !node.isNull())
			.mapNotNull((node) -> (T) this.serializer.deserializeEntity(context, node, resultType));
	}

	/** Sends a method call that expects no reply, returning once the broker has it. */
	public void cast(RequestContext context, String method, Map<String, ?> args) {
		castAsync(context, method, args).block();
	}

	/** The cast as a {@code Mono}, sent on subscription, completing once the broker has it. */
	public Mono<Void> castAsync(RequestContext context, String method, Map<String, ?> args) {
		return observed(context, method, false, (sent) -> {
			checkSendable("a cast");
			RpcRequest request = new RpcRequest(method, toArgs(context, args), this.target.namespace(),
					this.target.version(), null, null, null, MessageIds.newHexId(), this.serializer.serializeContext(sent));
			boolean mandatory = this.atLeastOnce && !this.target.fanout();
			return publish(request, null, mandatory);
		});
	}

	/**
	 * The send, deferred to subscription and observed from then until its outcome; the context it
	 * sends carries what the observer propagates.
	 */
	private <T> Mono<T> observed(RequestContext context, String method, boolean call,
			Function<RequestContext, Mono<T>> send) {
		if (this.observer == RpcObserver.NONE) {
			return Mono.defer(() -> send.apply(context));
		}
		return Mono.defer(() -> {
			Map<String, String> propagation = new LinkedHashMap<>();
			RpcObserver.Completion completion = Observing.clientCall(this.observer,
					new RpcObserver.Call(this.target, method, call, context, null), propagation);
			RequestContext sent = context;
			for (Map.Entry<String, String> entry : propagation.entrySet()) {
				sent = sent.with(entry.getKey(), entry.getValue());
			}
			RequestContext withPropagation = sent;
			AtomicBoolean ended = new AtomicBoolean();
			Consumer<@Nullable Throwable> end = (failure) -> {
				if (ended.compareAndSet(false, true)) {
					Observing.complete(completion, failure);
				}
			};
			// Ended before the outcome reaches the caller, so that the caller finds the observation closed.
			return Mono.defer(() -> send.apply(withPropagation))
				.doOnSuccess((value) -> end.accept(null))
				.doOnError(end)
				.doOnCancel(() -> end.accept(new CancellationException("call cancelled")));
		});
	}

	private Mono<JsonNode> sendCall(RequestContext context, String method, ObjectNode arguments) {
		if (this.target.fanout()) {
			throw new InvalidTargetException("A call cannot be used with fanout", this.target);
		}
		checkSendable("a call");
		ReplyWaiter waiter = this.transport.shared(ReplyWaiter.class, ReplyWaiter::new);
		String msgId = MessageIds.newHexId();
		Double monitor = (this.callMonitorTimeout != null) ? this.callMonitorTimeout.toMillis() / 1000.0 : null;
		RequestContext sent = this.serializer.serializeContext(context);
		Flux<RpcReply> replies = waiter.register(msgId);
		Mono<JsonNode> outcome = replyQueue(waiter)
			.flatMap((replyQueue) -> publish(new RpcRequest(method, arguments, this.target.namespace(),
					this.target.version(), msgId, replyQueue, monitor, MessageIds.newHexId(), sent), this.timeout,
					this.atLeastOnce))
			.then(finalReply(replies, msgId))
			.flatMap(this::resultOf);
		if (this.timeout != null) {
			outcome = outcome.timeout(this.timeout, Mono.error(() -> new MessagingTimeoutException(
					"Timed out waiting for a reply to message ID " + msgId)));
		}
		return outcome.doFinally((signal) -> waiter.forget(msgId));
	}

	/**
	 * The transport's reply queue; the first call starts consuming it on a {@code boundedElastic}
	 * thread, since that connects to the broker, which must not hold the caller past its timeout.
	 */
	private static Mono<String> replyQueue(ReplyWaiter waiter) {
		String started = waiter.startedReplyQueue();
		return (started != null) ? Mono.just(started)
				: Mono.fromCallable(waiter::replyQueue).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * The call's answer among its replies: heartbeats only keep the call-monitor timer alive, and an
	 * old server's result sent ahead of an empty final reply is kept.
	 */
	private Mono<RpcReply> finalReply(Flux<RpcReply> replies, String msgId) {
		Flux<RpcReply> monitored = replies;
		if (this.callMonitorTimeout != null) {
			Duration monitor = this.callMonitorTimeout;
			monitored = replies.timeout(monitor, Mono.error(() -> new MessagingTimeoutException(
					"Timed out waiting for a reply to message ID " + msgId + ": no heartbeat within the call monitor timeout of "
							+ monitor.toMillis() / 1000.0 + " s")));
		}
		return monitored.filter((reply) -> !reply.isHeartbeat())
			.takeUntil(RpcReply::ending)
			.reduce((earlier, later) -> (later.result().isNull() && later.failure() == null)
					? new RpcReply(earlier.result(), earlier.failure(), later.ending(), later.msgId(), later.uniqueId())
					: later);
	}

	private Mono<JsonNode> resultOf(RpcReply reply) {
		if (reply.failure() == null) {
			return Mono.just(reply.result());
		}
		RemoteFailure failure = RemoteFailure.parse(mapper(), reply.failure());
		return Mono.error(this.remoteExceptions.translate(failure));
	}

	private Mono<Void> publish(RpcRequest request, @Nullable Duration expiration, boolean mandatory) {
		byte[] body = this.transport.envelope().wrap(request.toJson(mapper()));
		Mono<Void> send = this.transport.driver().sendRequest(this.target, new OutgoingMessage(body, expiration, mandatory));
		if (this.retry != null && this.retry == 0) {
			return send;
		}
		return send.retryWhen((this.retry == null || this.retry < 0) ? RETRY_UNTIL_SENT : publishRetry(this.retry));
	}

	/** Retries a publish that failed for a reason worth retrying, backing off from 1 s to 30 s. */
	private static Retry publishRetry(long attempts) {
		return Retry.backoff(attempts, Duration.ofSeconds(1))
			.maxBackoff(Duration.ofSeconds(30))
			.filter(MessageRefusedException::isRetryable)
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	private void checkSendable(String use) {
		this.target.requireTopic(use);
		if (!canSendVersion(this.target.version())) {
			throw new RpcVersionCapException(this.target.version(), this.versionCap);
		}
	}

	/** Each argument through the serializer, with the caller's context, as oslo does. */
	private ObjectNode toArgs(RequestContext context, Map<String, ?> args) {
		ObjectNode node = mapper().createObjectNode();
		args.forEach((name, value) -> node.set(name, this.serializer.serializeEntity(context, value)));
		return node;
	}

	private JsonMapper mapper() {
		return this.transport.envelope().mapper();
	}

	/** Builds an {@link RpcClient}. */
	public static final class Builder {

		private final Transport transport;

		private final Target target;

		private @Nullable Duration timeout = DEFAULT_TIMEOUT;

		private @Nullable String versionCap;

		private @Nullable Integer retry;

		private @Nullable Duration callMonitorTimeout;

		private boolean atLeastOnce;

		private final List<Class<? extends RuntimeException>> allowedRemoteExceptions = new ArrayList<>();

		private RpcObserver observer = RpcObserver.NONE;

		private @Nullable Serializer serializer;

		private Builder(Transport transport, Target target) {
			this.transport = transport;
			this.target = target;
		}

		/** The timeout of calls; null to wait forever. Default 60 s. */
		public Builder timeout(@Nullable Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		public Builder versionCap(@Nullable String versionCap) {
			this.versionCap = versionCap;
			return this;
		}

		public Builder retry(@Nullable Integer retry) {
			this.retry = retry;
			return this;
		}

		public Builder callMonitorTimeout(@Nullable Duration callMonitorTimeout) {
			this.callMonitorTimeout = callMonitorTimeout;
			return this;
		}

		public Builder atLeastOnce(boolean atLeastOnce) {
			this.atLeastOnce = atLeastOnce;
			return this;
		}

		/**
		 * Exception types a remote failure may be rebuilt as (oslo's
		 * {@code allowed_remote_exmods}, by class): a failure whose module and class name are the
		 * type's package and simple name is thrown as that type, built with its
		 * {@code (String message)} constructor. Any other failure is a {@code RemoteException}.
		 */
		@SafeVarargs
		public final Builder allowedRemoteExceptions(Class<? extends RuntimeException>... types) {
			this.allowedRemoteExceptions.addAll(List.of(types));
			return this;
		}

		/** The observer of the calls and casts the client sends, and of those of its copies; none by default. */
		public Builder observer(RpcObserver observer) {
			this.observer = observer;
			return this;
		}

		/**
		 * How arguments, contexts and typed results are (de)serialized: oslo's {@code serializer}.
		 * Default: Jackson with the transport's mapper, nothing more.
		 * @since 0.2
		 */
		public Builder serializer(Serializer serializer) {
			this.serializer = serializer;
			return this;
		}

		public RpcClient build() {
			if (this.versionCap != null) {
				Version.parse(this.versionCap);
			}
			return new RpcClient(this.transport, this.target, this.timeout, this.versionCap, this.retry,
					this.callMonitorTimeout, this.atLeastOnce, new RemoteExceptionTranslator(this.allowedRemoteExceptions),
					this.observer,
					(this.serializer != null) ? this.serializer : Serializer.jackson(this.transport.envelope().mapper()));
		}

	}

}
