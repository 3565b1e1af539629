package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.wire.MessageIds;

/** In-flight bounds on the in-memory transport. */
class InMemoryInFlightBoundTests extends InFlightBoundContract {

	@Override
	protected String transportUrl() {
		return "fake:///" + MessageIds.newHexId();
	}

}
