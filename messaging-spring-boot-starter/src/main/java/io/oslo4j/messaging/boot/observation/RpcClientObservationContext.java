package io.oslo4j.messaging.boot.observation;

import java.util.Map;

import io.micrometer.observation.transport.SenderContext;
import io.oslo4j.messaging.rpc.RpcObserver;

/**
 * The context of an observed RPC call or cast on the client: the call, and the map of entries
 * propagated with it (the carrier into which a tracing handler writes its trace context). The
 * client adds those entries to the request context it sends; Python peers ignore them.
 *
 * @since 0.1
 */
public class RpcClientObservationContext extends SenderContext<Map<String, String>> {

	private final RpcObserver.Call call;

	public RpcClientObservationContext(RpcObserver.Call call, Map<String, String> propagation) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		this.call = call;
		setCarrier(propagation);
	}

	/** The call: target, method, call or cast. */
	public RpcObserver.Call getCall() {
		return this.call;
	}

}
