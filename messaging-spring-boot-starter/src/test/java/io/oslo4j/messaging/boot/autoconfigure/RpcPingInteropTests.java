package io.oslo4j.messaging.boot.autoconfigure;

import java.util.List;

import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.testsupport.PythonPeer;
import io.oslo4j.messaging.testsupport.PythonResult;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Python oslo.messaging pings a Java server of the starter as it pings its own: with
 * {@code rpc_ping_enabled}, {@code RPCClient.prepare().call(ctxt, 'oslo_rpc_server_ping')} returns
 * {@code 'pong'}.
 */
class RpcPingInteropTests {

	private final String topic = RabbitTestSupport.uniqueName("ping");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class))
		.withBean(ComputeEndpoint.class)
		.withPropertyValues("messaging.server.topic=" + this.topic, "messaging.server.name=java-1");

	@BeforeEach
	void assumePeers() {
		RabbitTestSupport.assumeBroker();
		PythonPeer.assumeAvailable();
	}

	@Test
	void shouldAnswerAPythonPingOnTheTopicAndOnTheServerWhenPingIsEnabled() {
		this.contextRunner
			.withPropertyValues("messaging.transport-url=" + RabbitTestSupport.url(), "messaging.rpc-ping-enabled=true")
			.run((context) -> {
				PythonResult onTopic = ping();
				assertThat(onTopic.exitCode()).as(onTopic.stderr()).isEqualTo(PythonResult.OK);
				assertThat(onTopic.result().asString()).isEqualTo("pong");
				PythonResult onServer = ping("--server", "java-1");
				assertThat(onServer.exitCode()).as(onServer.stderr()).isEqualTo(PythonResult.OK);
				assertThat(onServer.result().asString()).isEqualTo("pong");
			});
	}

	@Test
	void shouldRefuseAPythonPingAsAnUnknownMethodWhenPingIsNotEnabled() {
		this.contextRunner.withPropertyValues("messaging.transport-url=" + RabbitTestSupport.url()).run((context) -> {
			PythonResult result = ping();
			assertThat(result.exitCode()).as(result.stderr()).isEqualTo(PythonResult.REMOTE_ERROR);
		});
	}

	private PythonResult ping(String... more) {
		List<String> args = new java.util.ArrayList<>(
				List.of("call", "--topic", this.topic, "--method", "oslo_rpc_server_ping", "--timeout", "20"));
		args.addAll(List.of(more));
		return PythonPeer.client(args);
	}

}
