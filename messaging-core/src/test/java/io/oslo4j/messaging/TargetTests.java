package io.oslo4j.messaging;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TargetTests {

	@Test
	void acceptedNamespacesAreTheNamespaceThenTheLegacyOnes() {
		Target target = Target.endpoint("compute", "2.0").withLegacyNamespaces(List.of("old", "older"));
		assertThat(target.acceptedNamespaces()).containsExactly("compute", "old", "older");
	}

	@Test
	void theDefaultNamespaceIsAcceptedAsNull() {
		assertThat(Target.empty().acceptedNamespaces()).containsExactly((String) null);
	}

	@Test
	void withersReturnChangedCopiesAndLeaveTheOriginal() {
		Target topic = Target.topic("compute");
		Target directed = topic.withServer("host1").withExchange("nova");
		assertThat(topic.server()).isNull();
		assertThat(directed.server()).isEqualTo("host1");
		assertThat(directed.exchange()).isEqualTo("nova");
		assertThat(directed.topic()).isEqualTo("compute");
	}

	@Test
	void equalTargetsHaveEqualHashCodes() {
		assertThat(Target.topic("a").withServer("s")).isEqualTo(Target.topic("a").withServer("s"))
			.hasSameHashCodeAs(Target.topic("a").withServer("s"));
		assertThat(Target.topic("a")).isNotEqualTo(Target.topic("a").withFanout(true));
	}

	@Test
	void toStringListsOnlyTheFieldsThatAreSet() {
		assertThat(Target.topic("t").withServer("s")).hasToString("<Target topic=t, server=s>");
	}

	@Test
	void aServerNeedsATopicAndAServer() {
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> Target.topic("t").requireServer())
			.withMessageContaining("server");
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> Target.empty().withServer("s").requireServer())
			.withMessageContaining("topic");
	}

	@Test
	void anInvalidVersionIsRefusedWhenSet() {
		assertThatExceptionOfType(MessagingException.class).isThrownBy(() -> Target.topic("t").withVersion("5"));
	}

}
