package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What a client's options and typed calls do, on the {@code fake://} transport, with one server. */
class RpcClientTests {

	private final Transport transport = Transport.open("fake:///" + MessageIds.newHexId());

	private final Target target = Target.topic("client-tests");

	private final RpcServer server = RpcServer.builder(this.transport, this.target.withServer("s1"))
		.endpoint(new TestEndpoints.Conformance("s1"))
		.executor(ExecutorKind.EVENTLET)
		.build();

	@BeforeEach
	void start() {
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.shutdown(Duration.ofSeconds(10));
		this.transport.close();
	}

	@Test
	void aCallWithDirectReplyToIsRefusedOnFakeNamingTheFixAndTheNamedReplyQueueStillAnswers() {
		RpcClient direct = RpcClient.builder(this.transport, this.target).directReplyTo(true).build();

		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> direct.call(RequestContext.empty(), "add", Map.of("a", 1, "b", 2)))
			.withMessageContaining("direct reply-to is a RabbitMQ feature")
			.withMessageContaining("messaging.client.direct-reply-to");
		assertThat(direct.withDirectReplyTo(false).call(RequestContext.empty(), "add", Map.of("a", 1, "b", 2), Long.class))
			.isEqualTo(3L);
	}

	@Test
	void aCopyChangesOneOptionAndLeavesTheClientItCameFromAsItWas() {
		RpcClient client = RpcClient.create(this.transport, this.target);
		RpcClient copy = client.withTimeout(Duration.ofSeconds(5)).withVersionCap("1.2").withServer("s1");
		assertThat(client.timeout()).isEqualTo(RpcClient.DEFAULT_TIMEOUT);
		assertThat(client.canSendVersion("2.0")).isTrue();
		assertThat(client.target().server()).isNull();
		assertThat(copy.timeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(copy.canSendVersion("2.0")).isFalse();
		assertThat(copy.canSendVersion("1.1")).isTrue();
		assertThat(copy.target().server()).isEqualTo("s1");
		assertThat(copy.withoutTimeout().timeout()).isNull();
		assertThat(copy.withVersionCap(null).canSendVersion("2.0")).isTrue();
	}

	@Test
	void copiesShareTheSerializerOfTheClientTheyCameFrom() {
		RpcClient client = RpcClient.create(this.transport, this.target);
		assertThat(client.withNamespace("compute").withRetry(0).withAtLeastOnce(true).serializer())
			.isSameAs(client.serializer());
	}

	@Test
	void aVersionCapThatIsNoVersionIsRefusedWhereItIsGiven() {
		RpcClient.Builder builder = RpcClient.builder(this.transport, this.target);
		assertThatExceptionOfType(MessagingException.class).isThrownBy(() -> builder.versionCap("latest"));
		assertThatExceptionOfType(MessagingException.class)
			.isThrownBy(() -> RpcClient.create(this.transport, this.target).withVersionCap("1.x"));
	}

	@Test
	void aCallReadsItsResultAsAClassOrAsAGenericTypeAlike() {
		RpcClient client = client();
		Map<String, Object> args = Map.of("value", List.of(1, 2));
		assertThat(client.call(RequestContext.empty(), "echo", args, new TypeReference<List<Integer>>() {
		})).containsExactly(1, 2);
		assertThat(client.call(RequestContext.empty(), "echo", args, Integer[].class)).containsExactly(1, 2);
	}

	@Test
	void aNullResultIsNullAsAClassOrAsAGenericTypeAndEmptyAsync() {
		RpcClient client = client();
		Map<String, Object> args = Collections.singletonMap("value", null);
		assertThat(client.call(RequestContext.empty(), "echo", args, new TypeReference<List<Integer>>() {
		})).isNull();
		assertThat(client.call(RequestContext.empty(), "echo", args, String.class)).isNull();
		assertThat(client.call(RequestContext.empty(), "echo", args).isNull()).isTrue();
		StepVerifier.create(client.callAsync(RequestContext.empty(), "echo", args, String.class)).verifyComplete();
	}

	private RpcClient client() {
		return RpcClient.create(this.transport, this.target).withTimeout(Duration.ofSeconds(10));
	}

}
