package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.extension.ExtendWith;

/** The RPC specification on RabbitMQ. */
@ExtendWith(RabbitTestSupport.class)
class RabbitRpcTests extends RpcContract {

	@Override
	protected String transportUrl() {
		return RabbitTestSupport.url();
	}

}
