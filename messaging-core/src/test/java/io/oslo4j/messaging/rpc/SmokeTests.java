package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTests {

	public static class Echo {
		public String echo(String value) {
			return value;
		}
	}

	@Test
	void callReturnsTheEchoedValue() {
		try (Transport transport = Transport.open("fake:///smoke")) {
			RpcServer server = RpcServer.builder(transport, Target.topic("t").withServer("s1"))
				.endpoint(new Echo()).executor(ExecutorKind.GREENIO).build();
			server.start();
			RpcClient client = RpcClient.create(transport, Target.topic("t")).withTimeout(Duration.ofSeconds(5));
			assertThat(client.call(RequestContext.empty(), "echo", Map.of("value", "hi"), String.class)).isEqualTo("hi");
			server.shutdown(Duration.ofSeconds(5));
		}
	}

}
