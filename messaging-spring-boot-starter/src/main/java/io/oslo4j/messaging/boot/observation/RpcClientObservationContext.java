package io.oslo4j.messaging.boot.observation;

import io.micrometer.observation.Observation;
import io.oslo4j.messaging.rpc.RpcObserver;

/**
 * The context of an observed RPC call or cast on the client.
 *
 * @since 0.1
 */
public class RpcClientObservationContext extends Observation.Context {

	private final RpcObserver.Call call;

	public RpcClientObservationContext(RpcObserver.Call call) {
		this.call = call;
	}

	/** The call: target, method, call or cast. */
	public RpcObserver.Call getCall() {
		return this.call;
	}

}
