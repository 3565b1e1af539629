package io.oslo4j.messaging.boot.observation;

import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.oslo4j.messaging.rpc.RpcObserver;

import org.jspecify.annotations.Nullable;

/**
 * An {@link RpcObserver} that turns every served request and every sent call into a Micrometer
 * {@link Observation} ({@link RpcObservationDocumentation}), started when the call starts and
 * stopped, with its error if any, when it ends.
 *
 * @since 0.1
 */
public final class ObservationRpcObserver implements RpcObserver {

	private static final DefaultRpcServerObservationConvention DEFAULT_SERVER_CONVENTION = new DefaultRpcServerObservationConvention();

	private static final DefaultRpcClientObservationConvention DEFAULT_CLIENT_CONVENTION = new DefaultRpcClientObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable RpcServerObservationConvention serverConvention;

	private final @Nullable RpcClientObservationConvention clientConvention;

	/** An observer with the default conventions. */
	public ObservationRpcObserver(ObservationRegistry registry) {
		this(registry, null, null);
	}

	/**
	 * An observer with custom conventions.
	 * @param registry where observations go
	 * @param serverConvention replaces the default server convention, unless null
	 * @param clientConvention replaces the default client convention, unless null
	 */
	public ObservationRpcObserver(ObservationRegistry registry, @Nullable RpcServerObservationConvention serverConvention,
			@Nullable RpcClientObservationConvention clientConvention) {
		this.registry = registry;
		this.serverConvention = serverConvention;
		this.clientConvention = clientConvention;
	}

	@Override
	public Completion onServerCall(Call call) {
		return started(RpcObservationDocumentation.SERVER.observation(this.serverConvention, DEFAULT_SERVER_CONVENTION,
				() -> new RpcServerObservationContext(call), this.registry));
	}

	@Override
	public Completion onClientCall(Call call, Map<String, String> propagation) {
		return started(RpcObservationDocumentation.CLIENT.observation(this.clientConvention, DEFAULT_CLIENT_CONVENTION,
				() -> new RpcClientObservationContext(call, propagation), this.registry));
	}

	private static Completion started(Observation observation) {
		observation.start();
		return (failure) -> {
			if (failure != null) {
				observation.error(failure);
			}
			observation.stop();
		};
	}

}
