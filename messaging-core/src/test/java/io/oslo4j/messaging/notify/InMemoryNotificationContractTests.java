package io.oslo4j.messaging.notify;

import io.oslo4j.messaging.wire.MessageIds;

/** The notification contract on {@code fake://}, each test on a virtual host of its own. */
class InMemoryNotificationContractTests extends NotificationContractTests {

	@Override
	protected String newTransportUrl() {
		return "fake:///notify-" + MessageIds.newHexId();
	}

}
