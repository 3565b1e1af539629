package io.oslo4j.messaging.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of RPC server observations; a bean of this type replaces
 * {@link DefaultRpcServerObservationConvention}.
 *
 * @since 0.1
 */
public interface RpcServerObservationConvention extends ObservationConvention<RpcServerObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof RpcServerObservationContext;
	}

}
