package io.oslo4j.messaging;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A request context is an unmodifiable map of its entries in their original order, null values
 * included, equal to any map of the same entries.
 */
class RequestContextTests {

	@Test
	void entriesKeepTheirOrderAndTheirNullValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("user_id", "u1");
		values.put("roles", List.of("admin"));
		values.put("auth_token", null);
		values.put("is_admin", true);
		RequestContext context = RequestContext.of(values);
		assertThat(context.asMap()).containsExactlyEntriesOf(values).isEqualTo(values).hasSameHashCodeAs(values);
		assertThat(context.containsKey("auth_token")).isTrue();
		assertThat(context.get("auth_token")).isNull();
		assertThat(context.containsKey("missing")).isFalse();
		assertThat(context.getString("is_admin")).isEqualTo("true");
	}

	@Test
	void withAddsAnEntryAtTheEndAndLeavesTheOriginalAsItWas() {
		RequestContext context = RequestContext.of(Map.of("user_id", "u1"));
		RequestContext served = context.with("client_timeout", null);
		assertThat(served.asMap()).containsExactly(Map.entry("user_id", "u1"), new AbstractMap.SimpleEntry<>("client_timeout", null));
		assertThat(context.asMap()).containsOnlyKeys("user_id");
	}

	@Test
	void withReplacesAnEntryInItsPlace() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("a", 1);
		values.put("b", 2);
		assertThat(RequestContext.of(values).with("a", 3).asMap()).containsExactly(Map.entry("a", 3), Map.entry("b", 2));
	}

	@Test
	void contextsWithTheSameEntriesAreEqual() {
		RequestContext context = RequestContext.of(Map.of("user_id", "u1"));
		assertThat(context).isEqualTo(RequestContext.empty().with("user_id", "u1")).isEqualTo(RequestContext.of(context.asMap()))
			.hasSameHashCodeAs(RequestContext.empty().with("user_id", "u1"));
		assertThat(RequestContext.of(Map.of())).isSameAs(RequestContext.empty());
	}

	@Test
	void theEntriesCannotBeChanged() {
		Map<String, Object> map = RequestContext.of(Map.of("user_id", "u1")).asMap();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> map.put("x", 1));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> map.remove("user_id"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(map::clear);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> map.entrySet().iterator().next().setValue("x"));
	}

}
