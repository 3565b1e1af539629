package io.oslo4j.messaging.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.oslo4j.messaging.RemoteException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MalformedMessageException;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.RpcRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A reply's failure comes from whoever can publish to the reply queue, so a client rebuilds it as a
 * Java exception only when the application allowed that type, matched by name among the allowed
 * classes: a failure naming {@code java.lang.ProcessBuilder}, {@code java.lang.Runtime} or any
 * other class is a {@link RemoteException} carrying the names as text, and no class it names is
 * ever initialized. The failures here are crafted on the wire by a server that is not oslo4j's.
 */
@ExtendWith(RabbitTestSupport.class)
class RemoteFailureFromTheWireTests {

	private String topic;

	private Transport transport;

	private Listener craftingServer;

	private RpcClient client;

	@BeforeEach
	void startCraftingServer() {
		System.clearProperty("oslo4j.tripwire");
		this.topic = "failures-" + MessageIds.newHexId().substring(0, 10);
		this.transport = Transport.open(RabbitTestSupport.url());
		this.craftingServer = this.transport.driver().listen(Target.topic(this.topic).withServer("s1"), this::replyWithFailure);
		this.client = RpcClient.builder(this.transport, Target.topic(this.topic))
			.timeout(Duration.ofSeconds(10))
			.allowedRemoteExceptions(AllowedFailure.class)
			.build();
	}

	@AfterEach
	void stop() {
		this.craftingServer.close();
		this.transport.close();
		RabbitTestSupport.delete(List.of(this.topic, this.topic + ".s1"), List.of(this.topic + "_fanout"));
	}

	@Test
	void aFailureNamingAJdkClassIsARemoteExceptionAndNothingMore() {
		for (String className : List.of("ProcessBuilder", "Runtime", "ClassLoader", "Thread")) {
			RemoteException remote = fail(failure("java.lang", className, "touch /tmp/oslo4j-pwned"), RemoteException.class);
			assertThat(remote.getExcType()).isEqualTo(className);
			assertThat(remote.getModule()).isEqualTo("java.lang");
			assertThat(remote.getValue()).isEqualTo("touch /tmp/oslo4j-pwned");
		}
	}

	@Test
	void aFailureNamingAnApplicationClassThatIsNotAllowedNeverInitializesIt() {
		RemoteException remote = fail(failure("io.oslo4j.messaging.reliability", "Tripwire", "boom"), RemoteException.class);
		assertThat(remote.getExcType()).isEqualTo("Tripwire");
		assertThat(System.getProperty("oslo4j.tripwire")).as("Tripwire's static initializer ran").isNull();
	}

	@Test
	void anAllowedTypeIsRebuiltOnlyUnderItsOwnPackage() {
		AllowedFailure allowed = fail(failure("io.oslo4j.messaging.reliability", "AllowedFailure", "quota"),
				AllowedFailure.class);
		assertThat(allowed).hasMessage("quota");
		RemoteException elsewhere = fail(failure("evil.module", "AllowedFailure", "quota"), RemoteException.class);
		assertThat(elsewhere.getModule()).isEqualTo("evil.module");
		fail(failure("io.oslo4j.messaging", "reliability.AllowedFailure", "quota"), RemoteException.class);
	}

	@Test
	void aFailureOfOddShapeStillEndsTheCallWithAClearError() {
		RemoteException oddTypes = fail("{\"class\": {\"x\": 1}, \"module\": [1], \"message\": 42}", RemoteException.class);
		assertThat(oddTypes.getExcType()).isEqualTo("RemoteError");
		assertThat(fail("not json at all", MalformedMessageException.class)).hasMessageContaining("failure is not valid JSON");
		assertThat(fail("[\"java.lang.ProcessBuilder\", [\"touch\", \"/tmp/x\"]]", MalformedMessageException.class))
			.hasMessage("failure must be a JSON object");
	}

	private <T extends Throwable> T fail(String failure, Class<T> type) {
		return assertThatExceptionOfType(type)
			.isThrownBy(() -> this.client.call(RequestContext.empty(), "anything", Map.of("failure", failure)))
			.actual();
	}

	private String failure(String module, String className, String message) {
		JsonMapper mapper = this.transport.envelope().mapper();
		ObjectNode failure = mapper.createObjectNode().put("class", className).put("module", module).put("message", message);
		failure.putArray("tb").add("Traceback (most recent call last):\n");
		failure.putArray("args").add(message);
		failure.putObject("kwargs");
		return mapper.writeValueAsString(failure);
	}

	/** Answers every call with the failure text its {@code failure} argument carries, exactly. */
	private void replyWithFailure(Delivery delivery) {
		delivery.ack();
		JsonMapper mapper = this.transport.envelope().mapper();
		RpcRequest request = RpcRequest.fromJson(mapper,
				this.transport.envelope().unwrap(delivery.body(), delivery.contentType(), delivery.headers()));
		ObjectNode reply = mapper.createObjectNode()
			.putNull("result")
			.put("failure", request.args().get("failure").asString())
			.put("ending", true)
			.put("_msg_id", request.msgId())
			.put("_unique_id", MessageIds.newHexId());
		this.transport.driver()
			.sendReply(request.replyQueue(), new OutgoingMessage(this.transport.envelope().wrap(reply), null, true))
			.subscribe();
	}

}
