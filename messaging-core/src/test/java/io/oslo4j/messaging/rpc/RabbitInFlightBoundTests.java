package io.oslo4j.messaging.rpc;

import java.util.List;

import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** In-flight bounds on RabbitMQ: a slow endpoint starves no other there either. */
@ExtendWith(RabbitTestSupport.class)
class RabbitInFlightBoundTests extends InFlightBoundContract {

	@Override
	protected String transportUrl() {
		return RabbitTestSupport.url();
	}

	@AfterEach
	void deleteQueues() {
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".s1"), List.of(this.topic + "_fanout"));
	}

}
