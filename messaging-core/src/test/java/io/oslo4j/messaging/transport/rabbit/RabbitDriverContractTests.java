package io.oslo4j.messaging.transport.rabbit;

import java.util.Map;
import java.util.Set;

import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.TransportDriver;
import io.oslo4j.messaging.transport.TransportDriverContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transport contract on a real RabbitMQ. */
@ExtendWith(RabbitTestSupport.class)
class RabbitDriverContractTests extends TransportDriverContract {

	@Override
	protected TransportDriver createDriver(String namespace, Map<String, String> options) {
		return RabbitDriver.create(RabbitTestSupport.url(options));
	}

	@Override
	protected void deleteBrokerEntities(Set<String> queues, Set<String> exchanges) {
		RabbitTestSupport.delete(queues, exchanges);
	}

}
