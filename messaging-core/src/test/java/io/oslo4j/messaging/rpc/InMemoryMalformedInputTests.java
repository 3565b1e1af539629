package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.wire.MessageIds;

/** Bad input on {@code fake://}. */
class InMemoryMalformedInputTests extends MalformedInputContract {

	@Override
	protected String transportUrl() {
		return "fake:///" + MessageIds.newHexId();
	}

}
