package io.oslo4j.messaging.benchmarks;

import io.oslo4j.messaging.rpc.RpcEndpoint;
import io.oslo4j.messaging.rpc.RpcMethod;

/**
 * The benchmark server's endpoint in namespace {@code ns1} at version 1.3, to check namespace and
 * version dispatch from a peer.
 *
 * @since 0.1
 */
@RpcEndpoint(namespace = "ns1", version = "1.3")
public class VersionedEndpoint {

	/** Returns {@code "ns1-1.3"}, naming the endpoint that answered. */
	@RpcMethod("versioned")
	public String versioned() {
		return "ns1-1.3";
	}

}
