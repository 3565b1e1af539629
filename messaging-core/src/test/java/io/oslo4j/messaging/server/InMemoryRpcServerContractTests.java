package io.oslo4j.messaging.server;

import io.oslo4j.messaging.wire.MessageIds;

/** The server contract for RPC servers on the in-memory transport. */
class InMemoryRpcServerContractTests extends RpcServerContract {

	@Override
	protected String transportUrl() {
		return "fake:///" + MessageIds.newHexId();
	}

}
