package io.oslo4j.messaging.boot.observation;

import io.micrometer.observation.transport.ReceiverContext;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.rpc.RpcObserver;

/**
 * The context of an observed RPC call on the server: the call, and its request context as the
 * carrier from which a tracing handler may read propagated entries.
 *
 * @since 0.1
 */
public class RpcServerObservationContext extends ReceiverContext<RequestContext> {

	private final RpcObserver.Call call;

	public RpcServerObservationContext(RpcObserver.Call call) {
		super((carrier, key) -> carrier.getString(key));
		this.call = call;
		setCarrier(call.context());
	}

	/** The call: target, method, call or cast, executor. */
	public RpcObserver.Call getCall() {
		return this.call;
	}

}
