package io.oslo4j.messaging.transport;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.oslo4j.messaging.InvalidTransportUrlException;
import io.oslo4j.messaging.MessageRefusedException;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.WireLimits;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A transport: a driver and the wire settings that RPC clients, servers, notifiers and listeners
 * built on it share. oslo.messaging's {@code Transport}. Open one per application and broker, and
 * close it last.
 *
 * <p>Components built on a transport share per-transport state (one reply queue for all the RPC
 * clients of a transport, as in oslo) through {@link #shared(Class, Function)}.
 *
 * @since 0.1
 */
public final class Transport implements AutoCloseable {

	/** The default limit on a message body, after decompression. */
	public static final int DEFAULT_MAX_BODY_BYTES = WireLimits.DEFAULT_MAX_BODY_BYTES;

	private final TransportDriver driver;

	private final Envelope envelope;

	private final Map<Class<?>, Object> shared = new ConcurrentHashMap<>();

	/** The retry of oslo's default, {@code retry=None}: built once, since a {@code Retry} keeps no state of its own. */
	private final Retry untilSent;

	private Transport(TransportDriver driver, Envelope envelope) {
		this.driver = driver;
		this.envelope = envelope;
		this.untilSent = PublishRetry.of(null, driver.publishBackoff(), (signal) -> {
		});
	}

	/**
	 * Opens a transport for a URL such as {@code fake://} or
	 * {@code rabbit://guest:guest@localhost:5672/}.
	 * @throws InvalidTransportUrlException if the URL is malformed or names no known driver
	 */
	public static Transport open(String url) {
		return open(TransportUrl.parse(url));
	}

	/** Opens a transport for a parsed URL. */
	public static Transport open(TransportUrl url) {
		return open(url, WireLimits.defaults());
	}

	/**
	 * Opens a transport for a URL, accepting from the wire only what the limits allow (see
	 * {@link WireLimits}; the URL cannot carry them, since Python peers share it).
	 * @throws InvalidTransportUrlException if the URL is malformed or names no known driver
	 */
	public static Transport open(String url, WireLimits limits) {
		return open(TransportUrl.parse(url), limits);
	}

	/** Opens a transport for a parsed URL, with these limits on what it reads. */
	public static Transport open(TransportUrl url, WireLimits limits) {
		for (TransportDriverFactory factory : ServiceLoader.load(TransportDriverFactory.class,
				Transport.class.getClassLoader())) {
			if (factory.supports(url.driver())) {
				return of(factory.create(url), new Envelope(limits));
			}
		}
		throw new InvalidTransportUrlException(url.toString(),
				"no transport driver for '" + url.driver() + "' (use fake:// or rabbit://)");
	}

	/** A transport on a driver built by hand, with the default wire settings. */
	public static Transport of(TransportDriver driver) {
		return new Transport(driver, new Envelope(WireLimits.defaults()));
	}

	/** A transport on a driver built by hand, with these limits on what it reads. */
	public static Transport of(TransportDriver driver, WireLimits limits) {
		return new Transport(driver, new Envelope(limits));
	}

	/** A transport on a driver built by hand, with the given wire settings. */
	public static Transport of(TransportDriver driver, Envelope envelope) {
		return new Transport(driver, envelope);
	}

	/** The driver that carries this transport's messages. */
	public TransportDriver driver() {
		return this.driver;
	}

	/** The envelope codec, with the JSON mapper and limits of this transport. */
	public Envelope envelope() {
		return this.envelope;
	}

	/**
	 * How a sender retries a publish of this transport, as oslo's {@code retry} option says: a
	 * publish that failed for a reason worth retrying ({@link MessageRefusedException#isRetryable})
	 * is attempted again, after the driver's wait ({@link TransportDriver#publishBackoff()}:
	 * {@code rabbit://} waits as it does before reconnecting, from {@code rabbit_retry_interval},
	 * {@code rabbit_retry_backoff}, {@code rabbit_interval_max} and {@code kombu_reconnect_delay} /
	 * {@code _splay}, and no longer than until a broker that refused connections accepts them again;
	 * {@code fake://} does not wait). Use it as {@code publish.retryWhen(transport.publishRetry(retry))},
	 * or, so that the retry costs nothing until a publish fails, as
	 * {@link #retryingPublish(Mono, Integer)}.
	 * @param retry null or -1: retry without end; 0: never; n: at most n times. When the retries are
	 * exhausted, or the failure is not worth retrying, the last failure passes through as it is
	 */
	public Retry publishRetry(@Nullable Integer retry) {
		if (retry == null || retry < 0) {
			return this.untilSent;
		}
		return publishRetry(retry, (signal) -> {
		});
	}

	/**
	 * {@code publish}, retried as {@link #publishRetry(Integer)} says, with the retry built only
	 * once a first attempt has failed: a publish that goes out at once, which is nearly every one,
	 * carries no {@code Retry} and no {@code retryWhen} operator. The first failure is handed to the
	 * same retry as the later ones, so it is judged, counted and waited for exactly as in
	 * {@code publish.retryWhen(publishRetry(retry))}.
	 * @param retry as {@link #publishRetry(Integer)}
	 * @since 0.3
	 */
	public <T> Mono<T> retryingPublish(Mono<T> publish, @Nullable Integer retry) {
		return retryingPublish(publish, publish, retry);
	}

	/**
	 * {@code publish}, retried as {@link #retryingPublish(Mono, Integer)} says, with a first attempt
	 * of its own: what is left of a publish that began without a {@code Mono}
	 * ({@link TransportDriver#trySendRequestNow}).
	 * @param first the first attempt; its failure is the first that the retry judges
	 * @param publish every later attempt
	 * @since 0.3
	 */
	public <T> Mono<T> retryingPublish(Mono<T> first, Mono<T> publish, @Nullable Integer retry) {
		if (retry != null && retry == 0) {
			return first;
		}
		return first.onErrorResume((failure) -> retryingAfter(failure, publish, retry));
	}

	/**
	 * {@code publish} after a first attempt that failed with {@code first}, retried as
	 * {@link #retryingPublish(Mono, Integer)} would have retried it: the failure is judged, counted
	 * and waited for as its first.
	 * @since 0.3
	 */
	public <T> Mono<T> retryingAfter(Throwable first, Mono<T> publish, @Nullable Integer retry) {
		if (retry != null && retry == 0) {
			return Mono.error(first);
		}
		return afterFirst(first, publish).retryWhen(publishRetry(retry));
	}

	/**
	 * Whether a publish whose first attempt failed with {@code failure} is attempted again under
	 * {@code retry}: what the first signal to {@link #publishRetry(Integer)} decides. When not,
	 * {@link #retryingAfter} fails with {@code failure} as it is.
	 * @since 0.3
	 */
	public static boolean retriesAfterFirst(Throwable failure, @Nullable Integer retry) {
		return (retry == null || retry != 0) && MessageRefusedException.isRetryable(failure);
	}

	/**
	 * The publish again after its first attempt failed with {@code first}: the first subscription
	 * replays that failure, so that the retry sees it as its first signal; every later one publishes.
	 */
	private static <T> Mono<T> afterFirst(Throwable first, Mono<T> publish) {
		AtomicBoolean replayed = new AtomicBoolean();
		return Mono.defer(() -> replayed.compareAndSet(false, true) ? Mono.<T>error(first) : publish);
	}

	/**
	 * Like {@link #publishRetry(Integer)}, telling before each retry, once its wait is over, which
	 * failure it retries (to log it, for instance).
	 * @param beforeRetry receives the retried failure and how many retries went before
	 */
	public Retry publishRetry(@Nullable Integer retry, Consumer<Retry.RetrySignal> beforeRetry) {
		return PublishRetry.of(retry, this.driver.publishBackoff(), beforeRetry);
	}

	/**
	 * The per-transport instance of a component, created on first use.
	 * @param type the key and type of the component
	 * @param factory creates it from this transport
	 */
	public <T> T shared(Class<T> type, Function<Transport, T> factory) {
		return type.cast(this.shared.computeIfAbsent(type, (key) -> factory.apply(this)));
	}

	/** Closes the driver: every connection, and the reply consumer. */
	@Override
	public void close() {
		this.shared.values().forEach((component) -> {
			if (component instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// closing continues with the driver regardless
				}
			}
		});
		this.driver.close();
	}

}
