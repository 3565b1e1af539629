package io.oslo4j.messaging.boot.actuate;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.oslo4j.messaging.MessagingServer;
import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.boot.observation.RpcServerObservationContext;
import io.oslo4j.messaging.rpc.RpcObserver;

import org.jspecify.annotations.Nullable;

/**
 * Calls, errors and latency percentiles of every served RPC method, taken from the
 * {@code oslo.rpc.server} observations: an {@link ObservationHandler} that Spring Boot registers
 * with the application's {@code ObservationRegistry}.
 *
 * <p>Figures are kept per Java method, so a method called under its Java name and under its
 * snake_case name has one set. They live in a private meter registry: the application's own
 * meters, and what it exports, stay as they are. Percentiles cover the last two minutes
 * (Micrometer's default window); calls and errors count from start-up.
 *
 * @since 0.2
 */
public final class MethodStatistics implements ObservationHandler<RpcServerObservationContext> {

	private static final double[] PERCENTILES = { 0.5, 0.95, 0.99 };

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Supplier<? extends Collection<? extends MessagingServer>> servers;

	private final Map<CallKey, Method> resolved = new ConcurrentHashMap<>();

	private final Map<MethodKey, Meters> figures = new ConcurrentHashMap<>();

	/**
	 * @param servers the servers whose methods are figured: they tell which Java method an RPC
	 * name reached
	 */
	public MethodStatistics(Supplier<? extends Collection<? extends MessagingServer>> servers) {
		this.servers = servers;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof RpcServerObservationContext;
	}

	@Override
	public void onStart(RpcServerObservationContext context) {
		context.put(Started.class, new Started(System.nanoTime()));
	}

	@Override
	public void onStop(RpcServerObservationContext context) {
		Started started = context.get(Started.class);
		RpcObserver.Call call = context.getCall();
		Method method = resolve(call);
		if (started == null || method == null) {
			return;
		}
		Meters meters = this.figures.computeIfAbsent(new MethodKey(call.target().topic(), call.target().server(), method),
				this::register);
		meters.latency().record(System.nanoTime() - started.nanos(), TimeUnit.NANOSECONDS);
		if (context.getError() != null) {
			meters.errors().increment();
		}
	}

	/** The figures of a method of the RPC server at {@code server}; null before its first call. */
	public @Nullable Figures figures(Target server, Method method) {
		Meters meters = this.figures.get(new MethodKey(server.topic(), server.server(), method));
		if (meters == null) {
			return null;
		}
		HistogramSnapshot snapshot = meters.latency().takeSnapshot();
		double[] millis = new double[PERCENTILES.length];
		for (ValueAtPercentile value : snapshot.percentileValues()) {
			for (int i = 0; i < PERCENTILES.length; i++) {
				if (value.percentile() == PERCENTILES[i]) {
					millis[i] = value.value(TimeUnit.MILLISECONDS);
				}
			}
		}
		return new Figures(snapshot.count(), (long) meters.errors().count(), millis[0], millis[1], millis[2],
				snapshot.max(TimeUnit.MILLISECONDS));
	}

	private @Nullable Method resolve(RpcObserver.Call call) {
		CallKey key = new CallKey(call.target().topic(), call.target().server(), call.target().namespace(), call.method());
		Method known = this.resolved.get(key);
		if (known != null) {
			return known;
		}
		for (MessagingServer server : this.servers.get()) {
			ServerDescription description = server.describe();
			if (description.type() != ServerDescription.Type.RPC_SERVER) {
				continue;
			}
			Target target = description.targets().get(0);
			if (!Objects.equals(target.topic(), key.topic()) || !Objects.equals(target.server(), key.server())) {
				continue;
			}
			for (ServerDescription.Method method : description.methods()) {
				if (Objects.equals(method.namespace(), key.namespace()) && method.names().contains(key.method())) {
					this.resolved.put(key, method.javaMethod());
					return method.javaMethod();
				}
			}
		}
		return null;
	}

	private Meters register(MethodKey key) {
		String name = key.method().getDeclaringClass().getName() + "." + key.method().getName();
		Timer latency = Timer.builder("oslo.rpc.server.method")
			.tag("method", name)
			.tag("server", String.valueOf(key.topic()) + "." + key.server())
			.publishPercentiles(PERCENTILES)
			.register(this.meters);
		Counter errors = Counter.builder("oslo.rpc.server.method.errors")
			.tag("method", name)
			.tag("server", String.valueOf(key.topic()) + "." + key.server())
			.register(this.meters);
		return new Meters(latency, errors);
	}

	/**
	 * What a method's calls came to.
	 *
	 * @param calls calls served since start-up
	 * @param errors of which failed
	 * @param p50 median latency, in milliseconds, over the last two minutes
	 * @param p95 95th percentile, in milliseconds
	 * @param p99 99th percentile, in milliseconds
	 * @param max the longest, in milliseconds, over the last two minutes
	 */
	public record Figures(long calls, long errors, double p50, double p95, double p99, double max) {
	}

	private record Started(long nanos) {
	}

	private record CallKey(@Nullable String topic, @Nullable String server, @Nullable String namespace, String method) {
	}

	private record MethodKey(@Nullable String topic, @Nullable String server, Method method) {
	}

	private record Meters(Timer latency, Counter errors) {
	}

}
