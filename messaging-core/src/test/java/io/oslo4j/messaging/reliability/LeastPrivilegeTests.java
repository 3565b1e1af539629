package io.oslo4j.messaging.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import ch.qos.logback.classic.Level;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.oslo4j.messaging.MessagingServer;
import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.NotificationResult;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.LogCapture;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.MessageIds;
import io.oslo4j.messaging.wire.RpcRequest;
import io.oslo4j.messaging.wire.WireLimits;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Each role of one service (RPC server, RPC client, notifier, notification listener) works on
 * RabbitMQ as a user of its own that may configure, write and read only what oslo's topology
 * needs for that service: its control exchange, {@code <topic>}, {@code <topic>.<server>},
 * {@code <topic>_fanout*}, {@code reply_<hex>} and its notification queues; the lines are those of
 * {@code docs/security.md}. And a server cannot be made to write outside them: a request whose
 * {@code _reply_q} names another service's queue, or the server's own topic queue, is refused by
 * the reply-address rule, and nothing arrives there.
 *
 * <p>What the broker does alone, seen here too: a reply goes to the default exchange, and write
 * permission on {@code amq.default} reaches every queue by name, so with the rule widened the
 * broker lets the reply into the victim's queue; and a reply the broker does refuse (a server user
 * without {@code amq.default}) costs that reply only, never the server.
 */
@ExtendWith(RabbitTestSupport.class)
class LeastPrivilegeTests {

	private static final String SERVER = "host1";

	private static final String PRIORITIES = "(audit|debug|info|warn|error|critical|sample)";

	private final List<MessagingServer> servers = new ArrayList<>();

	private final List<Transport> transports = new ArrayList<>();

	private final MessagingExecutor executor = MessagingExecutors.create(ExecutorKind.EVENTLET);

	private final Envelope envelope = new Envelope(WireLimits.defaults());

	private final Echo echo = new Echo();

	// The users and the names their permissions cover are the class's: rabbitmqctl takes a second a command.

	private static final String ID = MessageIds.newHexId().substring(0, 10);

	private static final String EXCHANGE = "lp_" + ID;

	private static final String TOPIC = "lp_" + ID + "_compute";

	private static final String NOTIFICATIONS = "lp_" + ID + "_notifications";

	private static final String VICTIM = "victim_service_" + ID;

	private static @Nullable BrokerUsers users;

	private static String serverUser;

	private static String clientUser;

	private static String notifierUser;

	private static String listenerUser;

	@BeforeAll
	static void createUsers() {
		RabbitTestSupport.assumeBroker();
		users = BrokerUsers.create();
		serverUser = users.add("lp_server", serverPermissions(true));
		clientUser = users.add("lp_client", clientPermissions());
		notifierUser = users.add("lp_notifier", notifierPermissions());
		listenerUser = users.add("lp_listener", listenerPermissions());
	}

	@AfterAll
	static void deleteUsers() {
		if (users != null) {
			users.close();
		}
	}

	@BeforeEach
	void declareTheVictimsQueue() throws Exception {
		try (Connection guest = RabbitTestSupport.openConnection(); Channel channel = guest.createChannel()) {
			channel.queueDeclare(VICTIM, false, false, false, null);
		}
	}

	@AfterEach
	void deleteEverything() {
		this.servers.forEach((server) -> server.awaitTermination(Duration.ofSeconds(10)));
		this.transports.forEach(Transport::close);
		this.executor.disposeGracefully().block(Duration.ofSeconds(10));
		users.clearPolicies();
		List<String> queues = new ArrayList<>(List.of(TOPIC, TOPIC + "." + SERVER, VICTIM,
				VICTIM + "_dead"));
		for (String priority : List.of("audit", "debug", "info", "warn", "error", "critical", "sample")) {
			queues.add(NOTIFICATIONS + "." + priority);
		}
		RabbitTestSupport.delete(queues, List.of(EXCHANGE, TOPIC + "_fanout", VICTIM + "_dlx"));
	}

	// The permission lines, one per role, as docs/security.md gives them for topic T on exchange X.

	private static BrokerUsers.Permissions serverPermissions(boolean mayReply) {
		String t = TOPIC;
		String own = "^(" + EXCHANGE + "|" + t + "|" + t + "\\." + SERVER + "|" + t + "_fanout(_[0-9a-f]{32})?)$";
		String write = "^(" + t + "|" + t + "\\." + SERVER + "|" + t + "_fanout_[0-9a-f]{32}"
				+ (mayReply ? "|amq\\.default" : "") + ")$";
		return new BrokerUsers.Permissions(own, write, own);
	}

	private static BrokerUsers.Permissions clientPermissions() {
		String reply = "reply_[0-9a-f]{32}";
		return new BrokerUsers.Permissions("^(" + EXCHANGE + "|" + TOPIC + "_fanout|" + reply + ")$",
				"^(" + EXCHANGE + "|" + TOPIC + "_fanout)$", "^" + reply + "$");
	}

	private static BrokerUsers.Permissions notifierPermissions() {
		String queues = NOTIFICATIONS + "\\." + PRIORITIES;
		return new BrokerUsers.Permissions("^(" + EXCHANGE + "|" + queues + ")$",
				"^(" + EXCHANGE + "|" + queues + ")$", "^" + EXCHANGE + "$");
	}

	private static BrokerUsers.Permissions listenerPermissions() {
		String queues = NOTIFICATIONS + "\\." + PRIORITIES;
		return new BrokerUsers.Permissions("^(" + EXCHANGE + "|" + queues + ")$", "^" + queues + "$",
				"^(" + EXCHANGE + "|" + queues + ")$");
	}

	@Test
	void aServerClientNotifierAndListenerEachWorkWithExactlyThePermissionsOfTheirRole() {
		serve(RpcServer.builder(transport(serverUser), Target.topic(TOPIC).withServer(SERVER)));
		RpcClient client = client();
		assertThat(client.call(RequestContext.empty(), "echo", Map.of("value", "hello"), String.class)).isEqualTo("hello");
		assertThat(client.withServer(SERVER).call(RequestContext.empty(), "echo", Map.of("value", "direct"), String.class))
			.isEqualTo("direct");
		client.cast(RequestContext.empty(), "record", Map.of("value", "cast"));
		client.withFanout(true).cast(RequestContext.empty(), "record", Map.of("value", "fanout"));
		await().until(() -> this.echo.recorded.size() == 2);
		assertThat(this.echo.recorded).containsExactlyInAnyOrder("cast", "fanout");

		Scripted endpoint = new Scripted((call) -> (call == 1) ? NotificationResult.REQUEUE : NotificationResult.HANDLED);
		listen(NotificationListener.builder(transport(listenerUser)).allowRequeue(true), endpoint);
		notifier().send(Priority.INFO, RequestContext.empty(), "compute.instance.create.end", Map.of("id", "i-1"))
			.block(Duration.ofSeconds(10));
		await().until(() -> endpoint.calls.get() == 2);
		assertThat(endpoint.eventTypes).containsExactly("compute.instance.create.end", "compute.instance.create.end");
	}

	@Test
	void aRequestCannotMakeTheServerWriteIntoAnotherServicesQueueNorIntoItsOwn() throws Exception {
		RpcServer server = serve(RpcServer.builder(transport(serverUser), Target.topic(TOPIC).withServer(SERVER)));
		try (LogCapture logs = LogCapture.of(Level.WARN, "io.oslo4j.messaging.rpc.RequestHandler");
				Connection attacker = users.connect(clientUser)) {
			publishRequest(attacker, "echo", VICTIM);
			publishRequest(attacker, "echo", TOPIC);
			await().until(() -> server.refusedReplies() == 2);
			assertThat(this.echo.calls).as("neither request ran").hasValue(0);
			assertOnlyTheMarkerIn(VICTIM);
			assertThat(client().call(RequestContext.empty(), "echo", Map.of("value", "after"), String.class))
				.isEqualTo("after");
			assertThat(logs.text()).as("no reply came back to the server as a request").isEmpty();
		}
	}

	@Test
	void theBrokerAloneWouldLetTheReplyInWithTheRuleWidenedItsDefaultExchangeRoutesToAnyQueue() throws Exception {
		RpcServer server = serve(RpcServer.builder(transport(serverUser), Target.topic(TOPIC).withServer(SERVER))
			.additionalReplyAddresses(".*"));
		try (Connection attacker = users.connect(clientUser);
				Connection guest = RabbitTestSupport.openConnection();
				Channel channel = guest.createChannel()) {
			publishRequest(attacker, "echo", VICTIM);
			await().until(() -> channel.messageCount(VICTIM) == 1);
			String reply = new String(channel.basicGet(VICTIM, true).getBody(), StandardCharsets.UTF_8);
			assertThat(reply).contains("delete_everything");
			assertThat(server.refusedReplies()).isZero();
			assertThat(client().call(RequestContext.empty(), "echo", Map.of("value", "after"), String.class))
				.isEqualTo("after");
		}
	}

	@Test
	void aReplyTheBrokerRefusesCostsThatReplyOnlyNeverTheServer() {
		users.permit(serverUser, serverPermissions(false));
		try (LogCapture logs = LogCapture.of(Level.WARN, "io.oslo4j.messaging.rpc.ReplyPublisher")) {
			RpcServer server = serve(RpcServer.builder(transport(serverUser), Target.topic(TOPIC).withServer(SERVER)));
			assertThatExceptionOfType(MessagingTimeoutException.class).isThrownBy(() -> client()
				.withTimeout(Duration.ofSeconds(3))
				.call(RequestContext.empty(), "echo", Map.of("value", "refused"), String.class));
			await().until(() -> logs.text().contains("ACCESS_REFUSED"));
			assertThat(logs.text()).contains("Reply to call")
				.contains("access to exchange 'amq.default' in vhost")
				.contains("refused for user '" + serverUser + "'");
			assertThat(server.isRunning()).isTrue();
		}
		finally {
			users.permit(serverUser, serverPermissions(true));
		}
		assertThat(client().call(RequestContext.empty(), "echo", Map.of("value", "again"), String.class)).isEqualTo("again");
	}

	@Test
	void aListenerThatMayWriteToNoExchangeRequeuesAndDeadLettersAllTheSame() throws Exception {
		String deadLetters = VICTIM + "_dlx";
		String dead = VICTIM + "_dead";
		try (Connection guest = RabbitTestSupport.openConnection(); Channel channel = guest.createChannel()) {
			channel.exchangeDeclare(deadLetters, "fanout");
			channel.queueDeclare(dead, false, false, false, null);
			channel.queueBind(dead, deadLetters, "");
			users.queuePolicy(deadLetters, "^" + NOTIFICATIONS + "\\.info$",
					"{\"dead-letter-exchange\":\"" + deadLetters + "\"}");
			Scripted endpoint = new Scripted((call) -> NotificationResult.REQUEUE);
			listen(NotificationListener.builder(transport(listenerUser)).allowRequeue(true).maxRequeues(1), endpoint);
			notifier().send(Priority.INFO, RequestContext.empty(), "poison", Map.of()).block(Duration.ofSeconds(10));
			await().until(() -> channel.messageCount(dead) == 1);
			assertThat(endpoint.calls).hasValue(2);
			GetResponse letter = channel.basicGet(dead, true);
			assertThat(new String(letter.getBody(), StandardCharsets.UTF_8)).contains("poison");
		}
	}

	private Transport transport(String user) {
		Transport transport = Transport.open(users.url(user, Map.of("control_exchange", EXCHANGE)));
		this.transports.add(transport);
		return transport;
	}

	private RpcServer serve(RpcServer.Builder builder) {
		RpcServer server = builder.endpoint(this.echo).executor(this.executor).build();
		server.start();
		this.servers.add(server);
		return server;
	}

	private RpcClient client() {
		return RpcClient.create(transport(clientUser), Target.topic(TOPIC)).withTimeout(Duration.ofSeconds(10));
	}

	private Notifier notifier() {
		return Notifier.builder(transport(notifierUser)).publisherId("compute." + SERVER)
			.topics(NOTIFICATIONS)
			.build();
	}

	private void listen(NotificationListener.Builder builder, Scripted endpoint) {
		NotificationListener listener = builder.target(Target.topic(NOTIFICATIONS))
			.endpoint(endpoint)
			.executor(this.executor)
			.build();
		listener.start();
		this.servers.add(listener);
	}

	/**
	 * What any AMQP client with the client's permissions can publish: a call, in oslo's envelope,
	 * whose {@code _reply_q} is the caller's choice and whose argument is what the reply would carry.
	 */
	private void publishRequest(Connection attacker, String method, String replyQueue) throws Exception {
		ObjectNode args = this.envelope.mapper()
			.createObjectNode()
			.put("value", "{\"method\": \"delete_everything\", \"args\": {}}");
		ObjectNode request = new RpcRequest(method, args, null, null, MessageIds.newHexId(), replyQueue, 2.0,
				MessageIds.newHexId(), RequestContext.empty()).toJson(this.envelope.mapper());
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType(Envelope.CONTENT_TYPE)
			.contentEncoding(Envelope.CONTENT_ENCODING)
			.build();
		try (Channel channel = attacker.createChannel()) {
			channel.confirmSelect();
			channel.basicPublish(EXCHANGE, TOPIC, properties, this.envelope.wrap(request));
			channel.waitForConfirmsOrDie(10_000);
		}
	}

	/** Sends a marker into the queue and reads it: had anything been sent there before, it would come first. */
	private static void assertOnlyTheMarkerIn(String queue) throws Exception {
		try (Connection guest = RabbitTestSupport.openConnection(); Channel channel = guest.createChannel()) {
			channel.confirmSelect();
			channel.basicPublish("", queue, null, "marker".getBytes(StandardCharsets.UTF_8));
			channel.waitForConfirmsOrDie(10_000);
			GetResponse first = channel.basicGet(queue, true);
			assertThat(first).isNotNull();
			assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("marker");
			assertThat(channel.basicGet(queue, true)).isNull();
		}
	}

	/** The server's endpoint. */
	public static class Echo {

		final AtomicInteger calls = new AtomicInteger();

		final Queue<String> recorded = new ConcurrentLinkedQueue<>();

		public @Nullable Object echo(@Nullable Object value) {
			this.calls.incrementAndGet();
			return value;
		}

		public void record(String value) {
			this.recorded.add(value);
		}

	}

	/** Answers info notifications as a script says, counting the calls. */
	public static class Scripted {

		final AtomicInteger calls = new AtomicInteger();

		final Queue<String> eventTypes = new ConcurrentLinkedQueue<>();

		private final IntFunction<NotificationResult> script;

		Scripted(IntFunction<NotificationResult> script) {
			this.script = script;
		}

		public NotificationResult info(String eventType) {
			this.eventTypes.add(eventType);
			return this.script.apply(this.calls.incrementAndGet());
		}

	}

}
