package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.InvalidTargetException;
import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.RpcVersionCapException;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.serializer.Serializer;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Calls and casts to RPC servers: oslo.messaging's {@code RPCClient}.
 *
 * <p>A client is immutable and thread-safe; the {@code withXxx} methods return a copy with one
 * setting changed (oslo's {@code prepare}), sharing the transport and its reply queue.
 * Arguments are keyword arguments, converted to JSON by the client's {@link #serializer()}.
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

	private final RequestSender sender;

	private final CallOptions options;

	private RpcClient(RequestSender sender, CallOptions options) {
		this.sender = sender;
		this.options = options;
	}

	/** A client for a target, with oslo's defaults: 60 s timeout, no version cap. */
	public static RpcClient create(Transport transport, Target target) {
		return builder(transport, target).build();
	}

	public static Builder builder(Transport transport, Target target) {
		return new Builder(transport, target);
	}

	public Target target() {
		return this.options.target();
	}

	/** The timeout of calls, or null when calls wait forever. */
	public @Nullable Duration timeout() {
		return this.options.timeout();
	}

	public RpcClient withTarget(Target target) {
		return new RpcClient(this.sender, this.options.withTarget(target));
	}

	/** A copy that sends to one server ({@code topic.server}), or to the topic again with null. */
	public RpcClient withServer(@Nullable String server) {
		return withTarget(target().withServer(server));
	}

	/** A copy that casts to every server of the topic. Calls from it are refused. */
	public RpcClient withFanout(boolean fanout) {
		return withTarget(target().withFanout(fanout));
	}

	public RpcClient withNamespace(@Nullable String namespace) {
		return withTarget(target().withNamespace(namespace));
	}

	/**
	 * A copy that requests another version.
	 * @throws io.oslo4j.messaging.MessagingException if it is not {@code MAJOR.MINOR[.REVISION]}
	 */
	public RpcClient withVersion(@Nullable String version) {
		return withTarget(target().withVersion(version));
	}

	public RpcClient withExchange(@Nullable String exchange) {
		return withTarget(target().withExchange(exchange));
	}

	/** A copy whose calls time out after {@code timeout}; {@link Duration#ZERO} times out at once. */
	public RpcClient withTimeout(Duration timeout) {
		return new RpcClient(this.sender, this.options.withTimeout(timeout));
	}

	/** A copy whose calls wait forever (oslo's {@code timeout=None}). */
	public RpcClient withoutTimeout() {
		return new RpcClient(this.sender, this.options.withTimeout(null));
	}

	/**
	 * A copy that refuses versions above the cap; null removes the cap.
	 * @throws io.oslo4j.messaging.MessagingException if it is not {@code MAJOR.MINOR[.REVISION]}
	 */
	public RpcClient withVersionCap(@Nullable String versionCap) {
		return new RpcClient(this.sender, this.options.withVersionCap(versionCap));
	}

	/**
	 * A copy that retries a publish that failed: null or negative retries until the call's timeout
	 * (forever for casts), 0 tries once, N retries N times. A message the broker took is never sent
	 * again, nor one it refused ({@link io.oslo4j.messaging.MessageRefusedException}: too large, not
	 * allowed), which fails at once.
	 */
	public RpcClient withRetry(@Nullable Integer retry) {
		return new RpcClient(this.sender, this.options.withRetry(retry));
	}

	/**
	 * A copy whose calls ask the server for heartbeats and fail when none arrives within
	 * {@code callMonitorTimeout} (the overall timeout still applies); null turns it off.
	 */
	public RpcClient withCallMonitorTimeout(@Nullable Duration callMonitorTimeout) {
		return new RpcClient(this.sender, this.options.withCallMonitorTimeout(callMonitorTimeout));
	}

	/**
	 * A copy whose requests are mandatory: a request no queue takes fails at once with
	 * {@link io.oslo4j.messaging.MessageUndeliverableException} instead of timing out. Fanout casts
	 * are never mandatory.
	 */
	public RpcClient withAtLeastOnce(boolean atLeastOnce) {
		return new RpcClient(this.sender, this.options.withAtLeastOnce(atLeastOnce));
	}

	/**
	 * A copy whose replies come by RabbitMQ's direct reply-to, or the named reply queue (false, the default).
	 * @since 0.3
	 */
	public RpcClient withDirectReplyTo(boolean directReplyTo) {
		return new RpcClient(this.sender, this.options.withDirectReplyTo(directReplyTo));
	}

	/**
	 * How this client (de)serializes arguments, contexts and typed results.
	 * @since 0.2
	 */
	public Serializer serializer() {
		return this.sender.serializer();
	}

	/** Whether this client may send a message at {@code version} under its version cap. */
	public boolean canSendVersion(@Nullable String version) {
		return this.options.canSendVersion(version);
	}

	/**
	 * Calls a method and returns its JSON result as received, not deserialized (a JSON null node when
	 * the method returned nothing).
	 */
	public JsonNode call(RequestContext context, String method, Map<String, ?> args) {
		return callAsync(context, method, args).blockOptional().orElseGet(this.sender.mapper()::nullNode);
	}

	/** Calls a method and returns its result converted to {@code resultType}, or null. */
	public <T> @Nullable T call(RequestContext context, String method, Map<String, ?> args, Class<T> resultType) {
		return callAsync(context, method, args, resultType).block();
	}

	/** Calls a method and returns its result deserialized as a generic type, or null. */
	public <T> @Nullable T call(RequestContext context, String method, Map<String, ?> args, TypeReference<T> resultType) {
		return this.sender.<T>call(this.options, context, method, args, resultType.getType()).block();
	}

	/** The call as a {@code Mono} of its JSON result, sent on subscription. */
	public Mono<JsonNode> callAsync(RequestContext context, String method, Map<String, ?> args) {
		return this.sender.call(this.options, context, method, args);
	}

	/** The call as a {@code Mono} of its result deserialized as {@code resultType}; empty for null. */
	public <T> Mono<T> callAsync(RequestContext context, String method, Map<String, ?> args, Class<T> resultType) {
		return this.sender.call(this.options, context, method, args, resultType);
	}

	/** Sends a method call that expects no reply, returning once the broker has it. */
	public void cast(RequestContext context, String method, Map<String, ?> args) {
		castAsync(context, method, args).block();
	}

	/** The cast as a {@code Mono}, sent on subscription, completing once the broker has it. */
	public Mono<Void> castAsync(RequestContext context, String method, Map<String, ?> args) {
		return this.sender.cast(this.options, context, method, args);
	}

	/** Builds an {@link RpcClient}. */
	public static final class Builder {

		private final Transport transport;

		private CallOptions options;

		private final List<Class<? extends RuntimeException>> allowedRemoteExceptions = new ArrayList<>();

		private RpcObserver observer = RpcObserver.NONE;

		private @Nullable Serializer serializer;

		private Builder(Transport transport, Target target) {
			this.transport = transport;
			this.options = CallOptions.defaults(target, DEFAULT_TIMEOUT);
		}

		/** The timeout of calls; null to wait forever. Default 60 s. */
		public Builder timeout(@Nullable Duration timeout) {
			this.options = this.options.withTimeout(timeout);
			return this;
		}

		/**
		 * The highest version calls and casts may request (oslo's {@code version_cap}); none by default.
		 * @throws io.oslo4j.messaging.MessagingException if it is not {@code MAJOR.MINOR[.REVISION]}
		 */
		public Builder versionCap(@Nullable String versionCap) {
			this.options = this.options.withVersionCap(versionCap);
			return this;
		}

		/** How often a failed publish is retried, as {@link RpcClient#withRetry} says; until sent by default. */
		public Builder retry(@Nullable Integer retry) {
			this.options = this.options.withRetry(retry);
			return this;
		}

		/** How long calls wait for a heartbeat, as {@link RpcClient#withCallMonitorTimeout} says; off by default. */
		public Builder callMonitorTimeout(@Nullable Duration callMonitorTimeout) {
			this.options = this.options.withCallMonitorTimeout(callMonitorTimeout);
			return this;
		}

		/** Whether requests are mandatory, as {@link RpcClient#withAtLeastOnce} says; false by default. */
		public Builder atLeastOnce(boolean atLeastOnce) {
			this.options = this.options.withAtLeastOnce(atLeastOnce);
			return this;
		}

		/** Whether replies come by direct reply-to ({@link RpcClient#withDirectReplyTo}); false by default. */
		public Builder directReplyTo(boolean directReplyTo) {
			this.options = this.options.withDirectReplyTo(directReplyTo);
			return this;
		}

		/** Who observes the calls and casts this client and its copies send; nobody by default. */
		public Builder observer(RpcObserver observer) {
			this.observer = observer;
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

		/**
		 * How arguments and contexts go on the wire and typed results come back: oslo's
		 * {@code serializer}. Default: Jackson with the transport's mapper, nothing more.
		 * @since 0.2
		 */
		public Builder serializer(Serializer serializer) {
			this.serializer = serializer;
			return this;
		}

		public RpcClient build() {
			return new RpcClient(new RequestSender(this.transport, this.serializer, this.observer,
					new RemoteExceptionTranslator(this.allowedRemoteExceptions)), this.options);
		}

	}

}
