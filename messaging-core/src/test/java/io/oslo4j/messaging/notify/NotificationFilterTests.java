package io.oslo4j.messaging.notify;

import java.util.LinkedHashMap;
import java.util.Map;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.wire.WireJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link NotificationFilter} matches as oslo's, with Python's {@code re.match}. */
class NotificationFilterTests {

	@Test
	void aRegexMatchesFromTheStartOfTheValueButNotToItsEnd() {
		NotificationFilter compute = NotificationFilter.builder().eventType("compute").build();
		assertThat(compute.matches(notification("p", "compute.start"))).isTrue();
		assertThat(compute.matches(notification("p", "compute"))).isTrue();
		assertThat(NotificationFilter.builder().eventType("start").build().matches(notification("p", "compute.start")))
			.isFalse();
		assertThat(NotificationFilter.builder().eventType("compute$").build().matches(notification("p", "compute.start")))
			.isFalse();
	}

	@Test
	void thePublisherIdMustMatchAndBePresent() {
		NotificationFilter filter = NotificationFilter.builder().publisherId("compute\\.host[0-9]").build();
		assertThat(filter.matches(notification("compute.host1", "e"))).isTrue();
		assertThat(filter.matches(notification("network.host1", "e"))).isFalse();
		assertThat(filter.matches(notification(null, "e"))).isFalse();
	}

	@Test
	void aMissingEventTypeDoesNotMatch() {
		assertThat(NotificationFilter.builder().eventType(".*").build().matches(notification("p", null))).isFalse();
	}

	@Test
	void aContextConditionNeedsItsKeyWithAStringValueThatMatches() {
		NotificationFilter filter = NotificationFilter.builder().context("user_id", "admin").build();
		assertThat(filter.matches(withContext(Map.of("user_id", "admin-7")))).isTrue();
		assertThat(filter.matches(withContext(Map.of("user_id", "bob")))).isFalse();
		assertThat(filter.matches(withContext(Map.of("project_id", "admin")))).isFalse();
		assertThat(filter.matches(withContext(Map.of("user_id", 42)))).isFalse();
		Map<String, Object> nullValue = new LinkedHashMap<>();
		nullValue.put("user_id", null);
		assertThat(filter.matches(withContext(nullValue))).isFalse();
	}

	@Test
	void aMetadataConditionMatchesTheMessageIdOrTheTimestamp() {
		assertThat(NotificationFilter.builder().metadata("timestamp", "2026-11").build().matches(notification("p", "e")))
			.isTrue();
		assertThat(NotificationFilter.builder().metadata("message_id", "ffff").build().matches(notification("p", "e")))
			.isFalse();
		assertThat(NotificationFilter.builder().metadata("other", ".*").build().matches(notification("p", "e")))
			.isFalse();
	}

	@Test
	void aPayloadConditionNeedsAnObjectWithAStringMemberThatMatches() {
		NotificationFilter filter = NotificationFilter.builder().payload("state", "active").build();
		assertThat(filter.matches(withPayload("{\"state\": \"active\", \"id\": 1}"))).isTrue();
		assertThat(filter.matches(withPayload("{\"state\": \"error\"}"))).isFalse();
		assertThat(filter.matches(withPayload("{\"id\": 1}"))).isFalse();
		assertThat(filter.matches(withPayload("{\"state\": {\"name\": \"active\"}}"))).isFalse();
		assertThat(filter.matches(withPayload("\"state\""))).isFalse();
		assertThat(filter.matches(withPayload("null"))).isFalse();
		assertThat(filter.matches(notification("p", "e").withPayload(Map.of("state", "active")))).isTrue();
	}

	@Test
	void everyConditionMustHold() {
		NotificationFilter filter = NotificationFilter.builder().publisherId("p").eventType("e").build();
		assertThat(filter.matches(notification("p", "e"))).isTrue();
		assertThat(filter.matches(notification("p", "x"))).isFalse();
		assertThat(filter.matches(notification("x", "e"))).isFalse();
	}

	@Test
	void theEmptyFilterMatchesEverything() {
		assertThat(NotificationFilter.any().matches(notification(null, null))).isTrue();
		assertThat(NotificationFilter.builder().build().matches(withPayload("[1, 2]"))).isTrue();
	}

	@Test
	void anInvalidRegexIsRefusedNamingTheCondition() {
		assertThatIllegalArgumentException().isThrownBy(() -> NotificationFilter.builder().payload("state", "(unclosed"))
			.withMessageContaining("payload state")
			.withMessageContaining("(unclosed");
	}

	private static Notification<JsonNode> notification(String publisherId, String eventType) {
		return new Notification<>(Priority.INFO, RequestContext.empty(), publisherId, eventType,
				WireJson.mapper().readTree("{}"),
				new NotificationMetadata("aba4616f-ab62-4dd3-aac0-c491c38b7217", "2026-11-25 19:57:26.837530"));
	}

	private static Notification<JsonNode> withContext(Map<String, ?> context) {
		Notification<JsonNode> base = notification("p", "e");
		return new Notification<>(base.priority(), RequestContext.of(context), base.publisherId(), base.eventType(),
				base.payload(), base.metadata());
	}

	private static Notification<JsonNode> withPayload(String json) {
		return notification("p", "e").withPayload(WireJson.mapper().readTree(json));
	}

}
