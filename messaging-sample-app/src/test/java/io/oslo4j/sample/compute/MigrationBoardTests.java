package io.oslo4j.sample.compute;

import io.oslo4j.messaging.boot.actuate.MessagingDescriptor;
import io.oslo4j.messaging.boot.actuate.MessagingEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample app exposes the migration board, and the board shows where the sample's migration stands. */
@SpringBootTest(properties = { "messaging.transport-url=fake:///board-tests", "sample.demo.enabled=false" })
class MigrationBoardTests {

	@Autowired
	private MessagingEndpoint board;

	@Test
	void theBoardShowsTheComputeServiceHalfWayThroughItsMigration() {
		MessagingDescriptor descriptor = this.board.messaging();
		MessagingDescriptor.ServerEntry compute = descriptor.servers().get(0);
		assertThat(compute.executor()).isEqualTo("greenio");
		assertThat(compute.methods())
			.filteredOn((method) -> method.javaMethod().startsWith("ComputeEndpoint.resize("))
			.singleElement()
			.satisfies((resize) -> {
				assertThat(resize.kind()).isEqualTo("reactive");
				assertThat(resize.runsOn()).isEqualTo("greenio");
			});
		assertThat(descriptor.summary()).first()
			.satisfies((progress) -> {
				assertThat(progress.service()).isEqualTo("compute");
				assertThat(progress.reactive()).isEqualTo(1);
				assertThat(progress.allReactive()).isFalse();
			});
	}

}
