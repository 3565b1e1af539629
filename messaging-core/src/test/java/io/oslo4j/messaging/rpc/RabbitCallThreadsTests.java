package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.testsupport.RecordingDriver;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.transport.rabbit.RabbitDriver;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threads of one call on RabbitMQ, both sides in one process: amqp-client's dispatch thread
 * decodes the request and the reply, with no hand-off to a listener thread of oslo4j's own; the
 * endpoint runs on a worker, the reply leaves from the reply scheduler, and the caller is completed
 * on the thread that received the reply.
 */
@ExtendWith(RabbitTestSupport.class)
class RabbitCallThreadsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String topic = "call-threads-" + MessageIds.newHexId().substring(0, 12);

	private final TestEndpoints.Conformance endpoint = new TestEndpoints.Conformance("s1");

	private RecordingDriver recording;

	private Transport transport;

	private RpcServer server;

	@BeforeEach
	void startServer() {
		this.recording = new RecordingDriver(RabbitDriver.create(TransportUrl.parse(RabbitTestSupport.url())));
		this.transport = Transport.of(this.recording);
		this.server = RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1"))
			.endpoint(this.endpoint)
			.executor(ExecutorKind.EVENTLET)
			.build();
		this.server.start();
	}

	@AfterEach
	void closeEverything() {
		this.server.shutdown(TIMEOUT);
		this.transport.close();
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".s1"), List.of());
	}

	@Test
	void requestAndReplyAreDecodedOnAmqpClientsDispatchThread() {
		Queue<String> completed = new ConcurrentLinkedQueue<>();
		RpcClient.create(this.transport, Target.topic(this.topic))
			.withTimeout(TIMEOUT)
			.callAsync(RequestContext.empty(), "echo", Map.of("value", "x"))
			.doOnNext((result) -> completed.add(Thread.currentThread().getName()))
			.block(TIMEOUT);

		assertThat(this.recording.requestDeliveryThreads()).singleElement().asString()
			.startsWith("oslo4j-rabbit-dispatch-");
		assertThat(this.endpoint.threads).singleElement().asString().startsWith("oslo4j-worker-");
		assertThat(this.recording.replyThreads()).singleElement().asString().startsWith("oslo4j-reply-");
		assertThat(this.recording.replyDeliveryThreads()).singleElement().asString()
			.startsWith("oslo4j-rabbit-dispatch-");
		assertThat(completed).containsExactlyElementsOf(this.recording.replyDeliveryThreads());
	}

}
