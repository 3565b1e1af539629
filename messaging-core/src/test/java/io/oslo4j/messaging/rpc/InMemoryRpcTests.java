package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.wire.MessageIds;

/** The RPC specification on the {@code fake://} transport, each test in its own virtual host. */
class InMemoryRpcTests extends RpcContract {

	@Override
	protected String transportUrl() {
		return "fake:///" + MessageIds.newHexId();
	}

}
