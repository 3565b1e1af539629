package io.oslo4j.messaging.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcEndpoint;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Closing the application context on RabbitMQ while 500 calls are in flight answers every caller. */
@ExtendWith(RabbitTestSupport.class)
class RabbitGracefulShutdownTests {

	private static final int CALLS = 500;

	@Test
	void shouldAnswerEveryOneOfFiveHundredCallsInFlightOnRabbitMqWhenTheContextCloses() {
		String topic = "compute-" + MessageIds.newHexId().substring(0, 10);
		try (Transport callerTransport = Transport.open(RabbitTestSupport.url())) {
			RpcClient caller = RpcClient.builder(callerTransport, Target.topic(topic))
				.timeout(Duration.ofSeconds(30))
				.build();
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class))
				.withUserConfiguration(ComputeConfiguration.class)
				.withPropertyValues("messaging.transport-url=" + RabbitTestSupport.url(), "messaging.executor=greenio",
						"messaging.server.topic=" + topic)
				.run((context) -> {
					RpcServer server = context.getBean(RpcServer.class);
					List<Mono<String>> replies = IntStream.range(0, CALLS)
						.mapToObj((i) -> caller.callAsync(RequestContext.empty(), "slow_echo", Map.of("value", "v" + i), String.class)
							.cache())
						.toList();
					replies.forEach(Mono::subscribe);
					await().atMost(Duration.ofSeconds(30)).until(() -> server.inFlight() == CALLS);
					context.close();
					assertThat(server.inFlight()).isZero();
					List<String> answers = Flux.merge(replies).collectList().block(Duration.ofSeconds(30));
					assertThat(answers).hasSize(CALLS)
						.containsExactlyInAnyOrderElementsOf(IntStream.range(0, CALLS).mapToObj((i) -> "v" + i).toList());
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ComputeConfiguration {

		@Bean
		SlowEndpoint slowEndpoint() {
			return new SlowEndpoint();
		}

	}

	/** Answers after long enough for all the calls to be in flight at once, even on a busy machine. */
	@RpcEndpoint
	static class SlowEndpoint {

		public Mono<String> slowEcho(String value) {
			return Mono.delay(Duration.ofSeconds(3)).thenReturn(value);
		}

	}

}
