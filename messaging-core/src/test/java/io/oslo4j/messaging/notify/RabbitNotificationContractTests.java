package io.oslo4j.messaging.notify;

import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.extension.ExtendWith;

/** The notification specification on RabbitMQ; each test uses topics and pools of its own. */
@ExtendWith(RabbitTestSupport.class)
class RabbitNotificationContractTests extends NotificationContractTests {

	@Override
	protected String newTransportUrl() {
		return RabbitTestSupport.url();
	}

}
