package io.oslo4j.messaging.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of RPC client observations; a bean of this type replaces
 * {@link DefaultRpcClientObservationConvention}.
 *
 * @since 0.1
 */
public interface RpcClientObservationConvention extends ObservationConvention<RpcClientObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof RpcClientObservationContext;
	}

}
