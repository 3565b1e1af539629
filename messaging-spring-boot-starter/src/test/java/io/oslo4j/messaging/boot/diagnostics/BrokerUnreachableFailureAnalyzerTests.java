package io.oslo4j.messaging.boot.diagnostics;

import java.net.ConnectException;

import io.oslo4j.messaging.MessageDeliveryFailureException;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerUnreachableFailureAnalyzerTests {

	@Test
	void shouldSayWhichBrokerDidNotAnswerAndHowToRunWithoutOne() {
		AmqpConnectException refused = new AmqpConnectException(new ConnectException("Connection refused"));
		RuntimeException failure = new IllegalStateException("Failed to start messaging server 'rpcServer'",
				new MessageDeliveryFailureException("cannot connect to RabbitMQ at rabbit://guest:****@localhost:5699/", refused));
		FailureAnalysis analysis = new BrokerUnreachableFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains("localhost:5699").doesNotContain("guest:guest");
		assertThat(analysis.getAction()).contains("rabbitmq-server -detached", "messaging.transport-url=fake://");
	}

	@Test
	void shouldGiveAdviceThatHoldsForEveryApplicationNotOnlyTheSampleApp() {
		AmqpConnectException refused = new AmqpConnectException(new ConnectException("Connection refused"));
		FailureAnalysis analysis = new BrokerUnreachableFailureAnalyzer().analyze(refused);
		assertThat(analysis.getAction()).doesNotContain("sample");
	}

}
