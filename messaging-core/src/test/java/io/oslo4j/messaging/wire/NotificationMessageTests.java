package io.oslo4j.messaging.wire;

import java.time.Instant;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link NotificationMessage} reads and writes oslo's notification message. */
class NotificationMessageTests {

	private final JsonMapper mapper = WireJson.mapper();

	@Test
	void theMessageIsWrittenInOslosKeyOrder() {
		NotificationMessage message = new NotificationMessage("aba4616f-ab62-4dd3-aac0-c491c38b7217", "compute.host1",
				"compute.instance.create.end", "INFO", this.mapper.readTree("{\"instance_id\": \"abc\"}"),
				"2026-11-25 19:57:26.837530", "fcd4231ab9c244c0a286c5a04c2f7e85",
				RequestContext.of(Map.of("user_id", "u1")));
		assertThat(this.mapper.writeValueAsString(message.toJson(this.mapper))).isEqualTo("{\"message_id\":"
				+ "\"aba4616f-ab62-4dd3-aac0-c491c38b7217\",\"publisher_id\":\"compute.host1\",\"event_type\":"
				+ "\"compute.instance.create.end\",\"priority\":\"INFO\",\"payload\":{\"instance_id\":\"abc\"},"
				+ "\"timestamp\":\"2026-11-25 19:57:26.837530\",\"_unique_id\":\"fcd4231ab9c244c0a286c5a04c2f7e85\","
				+ "\"_context_user_id\":\"u1\"}");
	}

	@Test
	void aCapturedPythonNotificationIsRead() {
		String captured = "{\"message_id\": \"0ce953cc-2b88-4c2b-9bcd-6d04d1c2ae74\", \"publisher_id\": \"compute.host1\", "
				+ "\"event_type\": \"compute.instance.delete.error\", \"priority\": \"ERROR\", \"payload\": "
				+ "{\"instance_id\": \"abc\"}, \"timestamp\": \"2026-11-25 19:57:29.485974\", \"_unique_id\": "
				+ "\"11bd62df67f742e9beb6fcf06f48952c\", \"_context_request_id\": \"req-43\"}";
		NotificationMessage message = NotificationMessage.fromJson(this.mapper,
				(ObjectNode) this.mapper.readTree(captured));
		assertThat(message.messageId()).isEqualTo("0ce953cc-2b88-4c2b-9bcd-6d04d1c2ae74");
		assertThat(message.priority()).isEqualTo("ERROR");
		assertThat(message.payload().get("instance_id").asString()).isEqualTo("abc");
		assertThat(message.uniqueId()).isEqualTo("11bd62df67f742e9beb6fcf06f48952c");
		assertThat(message.context().asMap()).containsExactly(Map.entry("request_id", "req-43"));
	}

	@Test
	void missingFieldsAreReadAsNullAndOddOnesAsTheirJsonText() {
		ObjectNode node = this.mapper.createObjectNode();
		node.set("publisher_id", IntNode.valueOf(7));
		NotificationMessage message = NotificationMessage.fromJson(this.mapper, node);
		assertThat(message.publisherId()).isEqualTo("7");
		assertThat(message.priority()).isNull();
		assertThat(message.messageId()).isNull();
		assertThat(message.payload().isNull()).isTrue();
		assertThat(message.uniqueId()).isNull();
		assertThat(message.context().isEmpty()).isTrue();
	}

	@Test
	void timestampsAreWrittenAsPythonsStrOfAUtcDatetime() {
		assertThat(NotificationMessage.formatTimestamp(Instant.parse("2026-11-25T19:34:50.048694Z")))
			.isEqualTo("2026-11-25 19:34:50.048694");
		assertThat(NotificationMessage.formatTimestamp(Instant.parse("2026-11-25T19:34:50Z")))
			.isEqualTo("2026-11-25 19:34:50");
		assertThat(NotificationMessage.formatTimestamp(Instant.parse("2026-01-02T03:04:05.000001Z")))
			.isEqualTo("2026-01-02 03:04:05.000001");
		assertThat(NotificationMessage.formatTimestamp(Instant.parse("2026-01-02T03:04:05.999999999Z")))
			.isEqualTo("2026-01-02 03:04:05.999999");
	}

	@Test
	void timestampsAreReadWithOrWithoutTheirFraction() {
		assertThat(NotificationMessage.parseTimestamp("2026-11-25 19:34:50.048694"))
			.isEqualTo(Instant.parse("2026-11-25T19:34:50.048694Z"));
		assertThat(NotificationMessage.parseTimestamp("2026-11-25 19:34:50")).isEqualTo(Instant.parse("2026-11-25T19:34:50Z"));
		assertThat(NotificationMessage.parseTimestamp("2026-11-25T19:34:50")).isNull();
	}

}
