package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input on RabbitMQ. */
@ExtendWith(RabbitTestSupport.class)
class RabbitMalformedInputTests extends MalformedInputContract {

	@Override
	protected String transportUrl() {
		return RabbitTestSupport.url();
	}

}
