package io.oslo4j.messaging.rpc;

import java.util.stream.IntStream;

import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.Version;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The versions requests ask for are read as {@link Version#parse} reads them, however many distinct
 * texts arrive and in whichever order.
 */
class RequestedVersionsTests {

	private final RequestedVersions versions = new RequestedVersions();

	@Test
	void aRepeatedTextIsTheVersionItNames() {
		assertThat(this.versions.parse("1.3")).isEqualTo(new Version(1, 3, 0));
		assertThat(this.versions.parse(new String("1.3"))).isEqualTo(new Version(1, 3, 0));
		assertThat(this.versions.parse("1.3.2")).isEqualTo(new Version(1, 3, 2));
	}

	@Test
	void moreDistinctTextsThanTheTableHoldsAreEachReadAsParseReadsThem() {
		IntStream.range(0, 3).forEach((round) -> IntStream.range(0, 200)
			.forEach((minor) -> assertThat(this.versions.parse("2." + minor)).isEqualTo(Version.parse("2." + minor))));
	}

	@Test
	void anInvalidTextFailsEveryTime() {
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(MessagingException.class).isThrownBy(() -> this.versions.parse("5.a"))
				.withMessageContaining("'5.a'");
		}
	}

}
