package io.oslo4j.messaging.notify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.testsupport.LogCapture;
import io.oslo4j.messaging.transport.Transport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The drivers that do not publish to the broker, as oslo's {@code log}, {@code test} and {@code routing}. */
class NotificationDriversTests {

	private final RecordingDriver broker = RecordingDriver.succeeding();

	private final Transport transport = Transport.of(this.broker);

	@BeforeEach
	void forgetRecordedNotifications() {
		RecordedNotifications.reset();
	}

	@Test
	void theLogDriverLogsTheMessageAsJsonOnTheEventTypesLoggerAtThePrioritysLevel() {
		Notifier notifier = notifier(NotificationDriver.LOG);
		try (LogCapture logs = LogCapture.of(Level.DEBUG, NotificationLog.LOGGER_BASE)) {
			notifier.info(RequestContext.of(Map.of("user_id", "u1")), "compute.instance.create.end", Map.of("id", 7));
			notifier.warn(RequestContext.empty(), "compute.instance.delete.end", null);
			notifier.critical(RequestContext.empty(), "compute.instance.exists", null);

			List<ILoggingEvent> events = logs.events();
			assertThat(events).extracting(ILoggingEvent::getLoggerName).containsExactly(
					"oslo.messaging.notification.compute.instance.create.end",
					"oslo.messaging.notification.compute.instance.delete.end",
					"oslo.messaging.notification.compute.instance.exists");
			assertThat(events).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.WARN, Level.ERROR);
			ObjectNode logged = (ObjectNode) this.transport.envelope().mapper()
				.readTree(events.get(0).getFormattedMessage());
			assertThat(logged.propertyNames()).containsExactly("message_id", "publisher_id", "event_type", "priority",
					"payload", "timestamp");
			assertThat(logged.get("payload").get("id").asInt()).isEqualTo(7);
			assertThat(logged.get("priority").asString()).isEqualTo("INFO");
		}
		assertThat(this.broker.attempts).isEmpty();
	}

	@Test
	void theLogDriverMasksSecretsAsOslosMaskDictPasswordDoes() {
		try (LogCapture logs = LogCapture.of(Level.DEBUG, NotificationLog.LOGGER_BASE)) {
			notifier(NotificationDriver.LOG).info(RequestContext.empty(), "identity.user.created",
					Map.of("admin_password", "hunter2", "user", Map.of("name", "alice", "auth_token", "tok"),
							"keys", List.of(List.of(Map.of("Private_Key", "pem")))));

			assertThat(logs.text()).doesNotContain("hunter2").doesNotContain("tok\"").doesNotContain("pem")
				.contains("alice").contains("\"admin_password\":\"***\"").contains("\"Private_Key\":\"***\"");
		}
	}

	@Test
	void theLogDriverWarnsThatAuditAndSampleHaveNoLoggingLevel() {
		try (LogCapture logs = LogCapture.of(Level.DEBUG, NotificationLog.LOGGER_BASE,
				NotificationLog.class.getName())) {
			notifier(NotificationDriver.LOG).audit(RequestContext.empty(), "audit.thing", null);

			assertThat(logs.events()).singleElement().satisfies((event) -> {
				assertThat(event.getLoggerName()).isEqualTo(NotificationLog.class.getName());
				assertThat(event.getLevel()).isEqualTo(Level.WARN);
				assertThat(event.getFormattedMessage()).contains("audit.thing").contains("priority audit");
			});
		}
	}

	@Test
	void theTestDriverKeepsEachNotificationWithItsContextPriorityAndRetryUntilReset() {
		Notifier notifier = Notifier.builder(this.transport).publisherId("compute.host1")
			.driver(NotificationDriver.TEST).retry(3).build();
		notifier.error(RequestContext.of(Map.of("user_id", "u1", "auth_token", "secret")), "volume.failed",
				Map.of("size", 1));

		assertThat(RecordedNotifications.all()).singleElement().satisfies((recorded) -> {
			assertThat(recorded.eventType()).isEqualTo("volume.failed");
			assertThat(recorded.priority()).isEqualTo(Priority.ERROR);
			assertThat(recorded.retry()).isEqualTo(3);
			assertThat(recorded.context().asMap()).containsEntry("user_id", "u1").doesNotContainKey("auth_token");
			assertThat(recorded.message().get("publisher_id").asString()).isEqualTo("compute.host1");
			assertThat(recorded.message().get("payload").get("size").asInt()).isEqualTo(1);
		});
		assertThat(this.broker.attempts).isEmpty();
		assertThat(notifier.isEnabled()).isTrue();

		RecordedNotifications.reset();
		assertThat(RecordedNotifications.all()).isEmpty();
	}

	@Test
	void severalDriversEachGetEveryNotification() {
		Notifier notifier = Notifier.builder(this.transport)
			.drivers(List.of(NotificationDriver.MESSAGING_V2, NotificationDriver.TEST, NotificationDriver.LOG))
			.build();
		try (LogCapture logs = LogCapture.of(Level.DEBUG, NotificationLog.LOGGER_BASE)) {
			notifier.info(RequestContext.empty(), "e", null);

			assertThat(logs.events()).hasSize(1);
		}
		assertThat(this.broker.attempts).hasSize(1);
		assertThat(RecordedNotifications.all()).hasSize(1);
		String sentId = this.transport.envelope().unwrap(this.broker.attempts.get(0).body(), "application/json", Map.of())
			.get("message_id").asString();
		assertThat(RecordedNotifications.all().get(0).message().get("message_id").asString()).isEqualTo(sentId);
	}

	@Test
	void theRoutingDriverSendsEachNotificationToTheDriversItsConfigurationSelects() {
		RoutingConfig routing = RoutingConfig.of(Map.of(
				"group_1", Map.of("messagingv2", Map.of("accepted_events", List.of("compute.instance.*"))),
				"group_2", Map.of("test", Map.of("accepted_priorities", List.of("ERROR", "crit*"))),
				"group_3", Map.of("test", Map.of("accepted_events", List.of("volume.?reate")))));
		Notifier notifier = Notifier.builder(this.transport).driver(NotificationDriver.ROUTING).routing(routing).build();

		notifier.info(RequestContext.empty(), "compute.instance.create.end", null);
		notifier.info(RequestContext.empty(), "image.upload", null);
		notifier.error(RequestContext.empty(), "image.upload", null);
		notifier.critical(RequestContext.empty(), "compute.instance.crash", null);
		notifier.info(RequestContext.empty(), "volume.create", null);

		assertThat(this.broker.attempts).hasSize(2);
		assertThat(RecordedNotifications.all()).extracting(RecordedNotification::eventType)
			.containsExactly("image.upload", "compute.instance.crash", "volume.create");
	}

	@Test
	void aRoutedDriverNeedsEveryRuleItHasAndNoRulesAcceptsEverything() {
		Map<String, Object> rules = Map.of("accepted_events", List.of("a.*"), "accepted_priorities", List.of("info"));
		RoutingConfig routing = RoutingConfig.of(Map.of("g", Map.of("test", rules)));
		assertThat(routing.driversFor("a.b", Priority.INFO)).containsExactly(NotificationDriver.TEST);
		assertThat(routing.driversFor("a.b", Priority.WARN)).isEmpty();
		assertThat(routing.driversFor("A.b", Priority.INFO)).isEmpty();
		assertThat(routing.driversFor("b.a", Priority.INFO)).isEmpty();

		HashMap<String, Object> noRules = new HashMap<>();
		noRules.put("log", null);
		assertThat(RoutingConfig.of(Map.of("g", noRules)).driversFor("x", Priority.SAMPLE))
			.containsExactly(NotificationDriver.LOG);
		assertThat(RoutingConfig.of(null).driversFor("x", Priority.INFO)).isEmpty();
	}

	@Test
	void aRoutingConfigurationThatCannotRouteIsRefusedNamingGroupAndDriver() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoutingConfig.of(Map.of("g", Map.of("kafka", Map.of()))))
			.withMessageContaining("routing group 'g', driver 'kafka'").withMessageContaining("use one of");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoutingConfig.of(Map.of("g", Map.of("routing", Map.of()))))
			.withMessageContaining("cannot route to itself");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoutingConfig.of(Map.of("g", Map.of("log", Map.of("accepted_event", List.of("x"))))))
			.withMessageContaining("unknown rule 'accepted_event'").withMessageContaining("accepted_events");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RoutingConfig.of(Map.of("g", Map.of("log", Map.of("accepted_events", "x.*")))))
			.withMessageContaining("must be a list of patterns");
	}

	@Test
	void theRoutingDriverWithoutAConfigurationIsRefusedAtBuild() {
		assertThatIllegalStateException()
			.isThrownBy(() -> Notifier.builder(this.transport).driver(NotificationDriver.ROUTING).build())
			.withMessageContaining("routing_config").withMessageContaining("Notifier.Builder.routing");
	}

	@Test
	void fnmatchPatternsAreShellStyle() {
		assertThat(FnMatch.compile("compute.*").matcher("compute.instance.x").matches()).isTrue();
		assertThat(FnMatch.compile("compute.*").matcher("computeXinstance").matches()).isFalse();
		assertThat(FnMatch.compile("v?l").matcher("vol").matches()).isTrue();
		assertThat(FnMatch.compile("[ab]x").matcher("bx").matches()).isTrue();
		assertThat(FnMatch.compile("[!ab]x").matcher("bx").matches()).isFalse();
		assertThat(FnMatch.compile("[!ab]x").matcher("cx").matches()).isTrue();
		assertThat(FnMatch.compile("a[").matcher("a[").matches()).isTrue();
		assertThat(FnMatch.compile("(x)+").matcher("(x)+").matches()).isTrue();
	}

	private Notifier notifier(NotificationDriver driver) {
		return Notifier.builder(this.transport).driver(driver).build();
	}

}
