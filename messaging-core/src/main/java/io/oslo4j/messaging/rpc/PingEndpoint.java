package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.RequestContext;

/**
 * oslo's {@code PingEndpoint}, which an RPC server serves with {@code rpc_ping_enabled}: a caller
 * checks that a server is alive with {@code client.call(ctxt, 'oslo_rpc_server_ping')} and gets
 * {@code 'pong'}. Like oslo's, it declares no target, so it serves the default namespace at
 * version 1.0 (and any 1.x), after every endpoint of the application.
 */
final class PingEndpoint {

	/** The RPC method's name, reserved by oslo. */
	static final String METHOD = "oslo_rpc_server_ping";

	PingEndpoint() {
	}

	@RpcMethod(METHOD)
	@AcceptsAnyArguments
	public String ping(RequestContext context) {
		return "pong";
	}

}
