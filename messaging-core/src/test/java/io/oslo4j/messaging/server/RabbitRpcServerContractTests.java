package io.oslo4j.messaging.server;

import java.util.List;

import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server contract for RPC servers on RabbitMQ. */
@ExtendWith(RabbitTestSupport.class)
class RabbitRpcServerContractTests extends RpcServerContract {

	@Override
	protected String transportUrl() {
		return RabbitTestSupport.url();
	}

	@AfterEach
	void deleteQueues() {
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".s1"), List.of(this.topic + "_fanout"));
	}

}
