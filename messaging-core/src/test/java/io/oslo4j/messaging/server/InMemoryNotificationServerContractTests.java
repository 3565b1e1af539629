package io.oslo4j.messaging.server;

import io.oslo4j.messaging.wire.MessageIds;

/** The server contract for notification listeners on the in-memory transport. */
class InMemoryNotificationServerContractTests extends NotificationServerContract {

	@Override
	protected String transportUrl() {
		return "fake:///" + MessageIds.newHexId();
	}

}
