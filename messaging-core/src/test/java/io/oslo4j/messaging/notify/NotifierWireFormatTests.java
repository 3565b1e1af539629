package io.oslo4j.messaging.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.transport.Delivery;
import io.oslo4j.messaging.transport.Listener;
import io.oslo4j.messaging.transport.NotificationBinding;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.Envelope;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bytes a {@link Notifier} publishes on {@code fake://}, read back from the queue as a
 * consumer of another language would: they must be what oslo.messaging 14.0.3 sends (reference
 * 2.13 and the captured samples).
 */
class NotifierWireFormatTests {

	private static final Instant SENT_AT = Instant.parse("2026-11-25T19:34:50.048694Z");

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private Transport transport;

	private Listener capture;

	@BeforeEach
	void openTransportAndCaptureTheInfoQueue() {
		this.transport = Transport.open("fake:///notify-wire-" + MessageIds.newHexId());
		this.capture = this.transport.driver()
			.listenForNotifications(List.of(new NotificationBinding(null, "notifications", "info")), null, (delivery) -> {
				this.deliveries.add(delivery);
				delivery.ack();
			});
	}

	@AfterEach
	void close() {
		this.capture.close();
		this.transport.close();
	}

	@Test
	void aMessagingV2NotificationIsEnvelopedWithOslosKeysInOslosOrder() {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("user_id", "u1");
		context.put("auth_token", "secret");
		context.put("request_id", "req-1");
		notifier(SENT_AT).info(RequestContext.of(context), "compute.instance.create", Map.of("a", 1));

		JsonNode body = readBody(received());
		assertThat(fieldNames(body)).containsExactly("oslo.version", "oslo.message");
		assertThat(body.get("oslo.version").asString()).isEqualTo("2.0");
		assertThat(body.get("oslo.message").isString()).isTrue();
		ObjectNode message = unwrap(received());
		assertThat(fieldNames(message)).containsExactly("message_id", "publisher_id", "event_type", "priority", "payload",
				"timestamp", "_unique_id", "_context_user_id", "_context_request_id");
		assertThat(message.get("message_id").asString())
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(message.get("publisher_id").asString()).isEqualTo("compute.host1");
		assertThat(message.get("event_type").asString()).isEqualTo("compute.instance.create");
		assertThat(message.get("priority").asString()).isEqualTo("INFO");
		assertThat(message.get("payload").toString()).isEqualTo("{\"a\":1}");
		assertThat(message.get("timestamp").asString()).isEqualTo("2026-11-25 19:34:50.048694");
		assertThat(message.get("_unique_id").asString()).matches("[0-9a-f]{32}");
		assertThat(message.get("_context_user_id").asString()).isEqualTo("u1");
		assertThat(message.get("_context_request_id").asString()).isEqualTo("req-1");
	}

	@Test
	void theTimestampDropsItsFractionWhenTheMicrosecondsAreZero() {
		notifier(Instant.parse("2026-11-25T19:34:50Z")).info(RequestContext.empty(), "whole.second", null);
		assertThat(unwrap(received()).get("timestamp").asString()).isEqualTo("2026-11-25 19:34:50");
	}

	@Test
	void theTimestampIsTruncatedToMicroseconds() {
		notifier(Instant.parse("2026-11-25T19:34:50.000100999Z")).info(RequestContext.empty(), "nanos", null);
		assertThat(unwrap(received()).get("timestamp").asString()).isEqualTo("2026-11-25 19:34:50.000100");
	}

	@Test
	void theContextKeepsOnlyOslosWhitelistedKeysWithTheirJsonValues() {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("auth_token", "secret");
		context.put("user", "u1");
		context.put("custom_key", "dropped");
		context.put("roles", List.of("admin", "member"));
		context.put("is_admin", true);
		context.put("project", "not whitelisted in 14.0.3");
		context.put("global_request_id", null);
		notifier(SENT_AT).info(RequestContext.of(context), "whitelist", null);

		ObjectNode message = unwrap(received());
		assertThat(fieldNames(message).stream().filter((name) -> name.startsWith("_context_")))
			.containsExactly("_context_user", "_context_roles", "_context_is_admin", "_context_global_request_id");
		assertThat(message.get("_context_roles").toString()).isEqualTo("[\"admin\",\"member\"]");
		assertThat(message.get("_context_is_admin").booleanValue()).isTrue();
		assertThat(message.get("_context_global_request_id").isNull()).isTrue();
		assertThat(message.get("payload").isNull()).isTrue();
	}

	@Test
	void theLegacyMessagingDriverPublishesTheMessageItselfAsTheBody() {
		Notifier.builder(this.transport).publisherId("compute.host1").driver(NotificationDriver.MESSAGING)
			.clock(Clock.fixed(SENT_AT, ZoneOffset.UTC)).build()
			.info(RequestContext.empty(), "compute.instance.delete", Map.of("instance_id", "abc"));

		JsonNode body = readBody(received());
		assertThat(fieldNames(body)).containsExactly("message_id", "publisher_id", "event_type", "priority", "payload",
				"timestamp", "_unique_id");
		assertThat(body.get("payload").get("instance_id").asString()).isEqualTo("abc");
	}

	@Test
	void theNoopDriverSendsNothing() {
		Notifier notifier = Notifier.builder(this.transport).driver(NotificationDriver.NOOP).build();
		notifier.info(RequestContext.empty(), "nothing", null);
		notifier.send(Priority.INFO, RequestContext.empty(), "nothing", null).block();
		Notifier.create(this.transport, "marker").info(RequestContext.empty(), "marker", null);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.deliveries.isEmpty());
		assertThat(this.deliveries).hasSize(1);
		assertThat(unwrap(this.deliveries.get(0)).get("event_type").asString()).isEqualTo("marker");
		assertThat(notifier.isEnabled()).isFalse();
	}

	private Notifier notifier(Instant now) {
		return Notifier.builder(this.transport).publisherId("compute.host1")
			.clock(Clock.fixed(now, ZoneOffset.UTC)).build();
	}

	private Delivery received() {
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.deliveries.isEmpty());
		return this.deliveries.get(0);
	}

	private JsonNode readBody(Delivery delivery) {
		return this.transport.envelope().mapper().readTree(delivery.body());
	}

	private ObjectNode unwrap(Delivery delivery) {
		assertThat(delivery.contentType()).isEqualTo(Envelope.CONTENT_TYPE);
		return this.transport.envelope().unwrap(delivery.body(), delivery.contentType(), delivery.headers());
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

}
