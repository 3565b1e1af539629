package io.oslo4j.messaging.notify;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A listener counts the requeues of each notification, and forgets what it no longer needs. */
class RequeueCounterTests {

	@Test
	void aNotificationMayGoBackMaxRequeuesTimes() {
		RequeueCounter counter = new RequeueCounter(2);
		assertThat(counter.mayRequeue("a", Map.of())).isTrue();
		assertThat(counter.mayRequeue("b", Map.of())).isTrue();
		assertThat(counter.mayRequeue("a", Map.of())).isTrue();
		assertThat(counter.mayRequeue("a", Map.of())).isFalse();
		assertThat(counter.mayRequeue("b", Map.of())).isTrue();
	}

	@Test
	void aQuorumQueuesDeliveryCountCountsWhenItIsHigher() {
		RequeueCounter counter = new RequeueCounter(3);
		assertThat(counter.mayRequeue("a", Map.of("x-delivery-count", 2L))).isTrue();
		assertThat(counter.mayRequeue("a", Map.of("x-delivery-count", 3L))).isFalse();
	}

	@Test
	void minusOneRequeuesWithoutEndAndZeroNever() {
		RequeueCounter unbounded = new RequeueCounter(-1);
		for (int i = 0; i < 1000; i++) {
			assertThat(unbounded.mayRequeue("a", Map.of())).isTrue();
		}
		assertThat(new RequeueCounter(0).mayRequeue("a", Map.of())).isFalse();
	}

	@Test
	void anAcknowledgedNotificationIsForgottenAndTheOldestGoFirst() {
		RequeueCounter counter = new RequeueCounter(1);
		counter.mayRequeue("a", Map.of());
		counter.forget("a");
		assertThat(counter.mayRequeue("a", Map.of())).isTrue();
		for (int i = 0; i < RequeueCounter.CAPACITY; i++) {
			counter.mayRequeue("other-" + i, Map.of());
		}
		assertThat(counter.mayRequeue("a", Map.of())).as("forgotten as the oldest").isTrue();
	}

}
