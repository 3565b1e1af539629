package io.oslo4j.messaging.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.boot.testsupport.ComputeEndpoint;
import io.oslo4j.messaging.boot.testsupport.TestUrls;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.OutgoingMessage;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.RpcRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code messaging.server.additional-reply-addresses} widens the server's reply-address rule. */
class ReplyAddressPropertyTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class))
		.withBean(ComputeEndpoint.class)
		.withPropertyValues("messaging.transport-url=" + TestUrls.uniqueFakeUrl(), "messaging.server.topic=compute");

	@Test
	void shouldAnswerOnlyDefaultReplyAddressesWhenNoneIsSet() {
		this.contextRunner.run((context) -> {
			Transport transport = context.getBean(Transport.class);
			Queue<String> legacy = consume(transport, "legacy_reply_1");
			send(transport, "legacy_reply_1");
			RpcServer server = context.getBean(RpcServer.class);
			await().until(() -> server.refusedReplies() == 1);
			assertThat(legacy).isEmpty();
		});
	}

	@Test
	void shouldAnswerReplyQueuesThatMatchTheAdditionalAddressesWhenSet() {
		this.contextRunner.withPropertyValues("messaging.server.additional-reply-addresses=legacy_reply_[0-9]+")
			.run((context) -> {
				Transport transport = context.getBean(Transport.class);
				Queue<String> legacy = consume(transport, "legacy_reply_1");
				send(transport, "legacy_reply_1");
				await().until(() -> !legacy.isEmpty());
				assertThat(legacy.peek()).contains("reboot");
				assertThat(context.getBean(RpcServer.class).refusedReplies()).isZero();
			});
	}

	@Test
	void shouldFailNamingTheReasonWhenTheAdditionalAddressesAreNotARegularExpression() {
		this.contextRunner.withPropertyValues("messaging.server.additional-reply-addresses=reply_([")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("additionalReplyAddresses (messaging.server.additional-reply-addresses) "
						+ "\"reply_([\" is not a regular expression"));
	}

	/** A queue of exactly this name, consumed (a notification pool queue is named after its pool). */
	private static Queue<String> consume(Transport transport, String queue) {
		Queue<String> bodies = new ConcurrentLinkedQueue<>();
		transport.driver()
			.listenForNotifications(List.of(new NotificationBinding(null, queue, "info")), queue, (delivery) -> {
				bodies.add(new String(delivery.body(), StandardCharsets.UTF_8));
				delivery.ack();
			});
		return bodies;
	}

	/** A call that echoes "reboot" back through a failure or a result, answered at {@code replyQueue}. */
	private static void send(Transport transport, String replyQueue) {
		ObjectNode args = transport.envelope().mapper().createObjectNode().put("id", "reboot");
		ObjectNode request = new RpcRequest("no_such_method_reboot", args, "compute", "2.3", MessageIds.newHexId(),
				replyQueue, null, MessageIds.newHexId(), RequestContext.empty()).toJson(transport.envelope().mapper());
		transport.driver()
			.sendRequest(Target.topic("compute"), OutgoingMessage.of(transport.envelope().wrap(request)))
			.block(Duration.ofSeconds(10));
	}

}
