package io.oslo4j.messaging.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.testsupport.LogCapture;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.DeliveryHandler;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.RpcRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * A server answers reply addresses only, whichever way its answer would leave (a reply, a
 * call-monitor heartbeat, the failure reply to a request it could not decode or dispatch): a call
 * whose {@code _reply_q} names another queue is dropped unanswered and not run, counted, and
 * logged once per address with the request's method. On {@code fake://}; the same on RabbitMQ, with
 * per-service users, is in {@code reliability.LeastPrivilegeTests}.
 */
class ReplyAddressRuleTests {

	private static final String MARKER = "marker sent after the request";

	private Transport transport;

	private String topic;

	private TestEndpoints.Conformance endpoint;

	private @Nullable RpcServer server;

	@BeforeEach
	void open() {
		this.transport = Transport.open("fake:///" + MessageIds.newHexId());
		this.topic = "rule-" + MessageIds.newHexId().substring(0, 10);
		this.endpoint = new TestEndpoints.Conformance("s1");
	}

	@AfterEach
	void close() {
		if (this.server != null) {
			this.server.shutdown(Duration.ofSeconds(10));
		}
		this.transport.close();
	}

	@Test
	void theDefaultRuleAdmitsWhatOsloAndOslo4jClientsNameTheirReplyQueuesAndNothingElse() {
		ReplyAddressRule rule = new ReplyAddressRule(null);
		assertThat(List.of("reply_" + MessageIds.newHexId(), "reply_d038a03e9b11466184963f256d5ec263",
				"reply_vm:modern_peer.py:1", "reply_node1.example.com:nova-api:12",
				"amq.rabbitmq.reply-to.g1h2AA5yZXBseUByYWJiaXRAbG9jYWxob3N0AAAAAAAAAAA="))
			.allMatch((address) -> rule.permits(address, "echo"));
		List<String> refused = List.of("victim_service", "compute", "compute.host1", "compute_fanout",
				"notifications.info", "", "reply_", "reply_D038A03E9B11466184963F256D5EC263",
				"reply_d038a03e9b11466184963f256d5ec26", "reply_d038a03e9b11466184963f256d5ec263x", "reply_vm:proc",
				"reply_vm:proc:x", "amq.rabbitmq.reply-to", "amq.rabbitmq.reply-to.", "xreply_d038a03e9b11466184963f256d5ec263",
				"amqXrabbitmqXreply-toXabc");
		assertThat(refused).noneMatch((address) -> rule.permits(address, "echo"));
		assertThat(rule.refused()).isEqualTo(refused.size());
	}

	@Test
	void theDefaultRuleDecidesEveryAddressAsItsRegularExpressionDoes() {
		Pattern expression = Pattern.compile(RpcServer.DEFAULT_REPLY_ADDRESSES);
		List<String> addresses = List.of("reply_" + MessageIds.newHexId(), "reply_d038a03e9b11466184963f256d5ec263",
				"reply_D038A03E9B11466184963F256D5EC263", "reply_d038a03e9b11466184963f256d5ec26",
				"reply_d038a03e9b11466184963f256d5ec263x", "reply_d038a03e9b11466184963f256d5ec26g", "reply_", "reply",
				"", "reply_vm:modern_peer.py:1", "reply_a:b:0123456789", "reply_:b:1", "reply_a::1", "reply_a:b:",
				"reply_a:b", "reply_a:b:1:", "reply_a:b:1:2", "reply_a:b:x", "reply_a:b:1x", "reply_a:b:\u0661",
				"reply_\n:\u2028:7", "reply_\uD83D\uDE00:b:1", "Reply_a:b:1", "xreply_a:b:1",
				"amq.rabbitmq.reply-to.", "amq.rabbitmq.reply-to.x", "amq.rabbitmq.reply-to..:", "amq.rabbitmq.reply-to",
				"amq.rabbitmq.reply-to.a\nb", "amq.rabbitmq.reply-to.a\r", "amq.rabbitmq.reply-to.\u0085",
				"amq.rabbitmq.reply-to.a\u2028", "amq.rabbitmq.reply-to.a\u2029", "amq.rabbitmq.reply-to.\uD83D\uDE00",
				"amq.rabbitmq.reply-to.\uD83D", "amq.rabbitmq.reply-to.\t\u0000", "amqXrabbitmqXreply-toXabc",
				"AMQ.rabbitmq.reply-to.x", "compute", "compute.host1");
		assertThat(addresses).allSatisfy((address) -> assertThat(ReplyAddressRule.isDefault(address))
			.as(address)
			.isEqualTo(expression.matcher(address).matches()));
	}

	@Test
	void aCallWhoseReplyQueueIsAnotherServicesQueueIsNeitherRunNorAnsweredThere() {
		serve(RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1")));
		Inbox victim = inbox("victim_service");
		send(call("echo", "victim_service").put("_timeout", 2.0));
		await().until(() -> this.server.refusedReplies() == 1);
		victim.mark();
		await().until(() -> !victim.bodies.isEmpty());
		assertThat(victim.bodies).containsExactly(MARKER);
		assertThat(this.endpoint.threads).as("the method never ran").isEmpty();
	}

	@Test
	void aCallWhoseReplyQueueIsTheServersOwnQueueIsNotAnsweredIntoIt() {
		serve(RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1")));
		try (LogCapture logs = LogCapture.of(Level.WARN, RequestHandler.class.getName())) {
			send(call("echo", this.topic));
			send(call("echo", this.topic + ".s1"));
			await().until(() -> this.server.refusedReplies() == 2);
			RpcClient client = RpcClient.create(this.transport, Target.topic(this.topic)).withTimeout(Duration.ofSeconds(10));
			assertThat(client.call(RequestContext.empty(), "echo", Map.of("value", "after"), String.class))
				.isEqualTo("after");
			assertThat(logs.text()).as("no reply came back to the server as a request").isEmpty();
		}
	}

	@Test
	void requestsTheServerCannotDecodeOrDispatchGetNoFailureReplyElsewhere() {
		serve(RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1")));
		Inbox victim = inbox("victim_service");
		ObjectNode malformed = call("echo", "victim_service");
		malformed.put("args", "not an object");
		send(malformed);
		send(call("no_such_method", "victim_service"));
		await().until(() -> this.server.refusedReplies() == 2);
		victim.mark();
		await().until(() -> !victim.bodies.isEmpty());
		assertThat(victim.bodies).containsExactly(MARKER);
	}

	@Test
	void aRefusedAddressIsLoggedOnceWithTheMethodAndCountedEveryTime() {
		serve(RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1")));
		try (LogCapture logs = LogCapture.of(Level.WARN, ReplyAddressRule.class.getName())) {
			send(call("delete_everything", "victim_service"));
			send(call("delete_everything", "victim_service"));
			send(call("echo", "other_victim"));
			await().until(() -> this.server.refusedReplies() == 3);
			assertThat(logs.events()).hasSize(2);
			assertThat(logs.text()).contains("Refused to reply to \"victim_service\" for a call of delete_everything: not a reply "
					+ "address (reply_[0-9a-f]{32}|")
				.contains("Refused to reply to \"other_victim\" for a call of echo")
				.contains("RpcServer.Builder.additionalReplyAddresses (messaging.server.additional-reply-addresses)");
		}
	}

	@Test
	void queueManagerAndDirectReplyToAddressesAreAnswered() {
		serve(RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1")));
		for (String address : List.of("reply_vm:modern_peer.py:1", "amq.rabbitmq.reply-to.g1h2AA5yZXBseUA=")) {
			Inbox inbox = inbox(address);
			send(call("echo", address));
			await().until(() -> !inbox.bodies.isEmpty());
			assertThat(inbox.bodies.peek()).as(address).contains("result").contains("hello");
		}
		assertThat(this.server.refusedReplies()).isZero();
	}

	@Test
	void additionalReplyAddressesWidenTheRule() {
		serve(RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1"))
			.additionalReplyAddresses("legacy_reply_[0-9]+"));
		Inbox legacy = inbox("legacy_reply_42");
		Inbox victim = inbox("victim_service");
		send(call("echo", "legacy_reply_42"));
		send(call("echo", "victim_service"));
		await().until(() -> !legacy.bodies.isEmpty() && this.server.refusedReplies() == 1);
		assertThat(legacy.bodies.peek()).contains("result").contains("hello");
		victim.mark();
		await().until(() -> !victim.bodies.isEmpty());
		assertThat(victim.bodies).containsExactly(MARKER);
	}

	@Test
	void anAdditionalPatternThatIsNotARegularExpressionIsRefusedWithTheReason() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RpcServer.builder(this.transport, Target.topic(this.topic).withServer("s1"))
				.additionalReplyAddresses("reply_(["))
			.withMessage("additionalReplyAddresses (messaging.server.additional-reply-addresses) \"reply_([\" is not a "
					+ "regular expression: Unclosed character class near index 7");
	}

	private void serve(RpcServer.Builder builder) {
		this.server = builder.endpoint(this.endpoint).executor(ExecutorKind.EVENTLET).build();
		this.server.start();
	}

	/** A call of {@code method(value="hello")} as an oslo client writes it, answered at {@code replyQueue}. */
	private ObjectNode call(String method, String replyQueue) {
		ObjectNode args = this.transport.envelope().mapper().createObjectNode().put("value", "hello");
		return new RpcRequest(method, args, null, null, MessageIds.newHexId(), replyQueue, null, MessageIds.newHexId(),
				RequestContext.empty()).toJson(this.transport.envelope().mapper());
	}

	private void send(ObjectNode request) {
		this.transport.driver()
			.sendRequest(Target.topic(this.topic), OutgoingMessage.of(this.transport.envelope().wrap(request)))
			.block(Duration.ofSeconds(10));
	}

	/** A queue of exactly this name, consumed (a notification pool queue is named after its pool). */
	private Inbox inbox(String queue) {
		Inbox inbox = new Inbox(queue);
		this.transport.driver()
			.listenForNotifications(List.of(new NotificationBinding(null, queue, "info")), queue, inbox);
		return inbox;
	}

	private final class Inbox implements DeliveryHandler {

		final Queue<String> bodies = new ConcurrentLinkedQueue<>();

		private final String queue;

		Inbox(String queue) {
			this.queue = queue;
		}

		/** Sends the marker to this queue: once it has arrived, anything sent before it has too. */
		void mark() {
			ReplyAddressRuleTests.this.transport.driver()
				.sendNotification(this.queue, "info", OutgoingMessage.of(MARKER.getBytes(StandardCharsets.UTF_8)))
				.block(Duration.ofSeconds(10));
		}

		@Override
		public void onDelivery(Delivery delivery) {
			this.bodies.add(new String(delivery.body(), StandardCharsets.UTF_8));
			delivery.ack();
		}

	}

}
