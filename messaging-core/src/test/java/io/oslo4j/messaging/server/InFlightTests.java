package io.oslo4j.messaging.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.oslo4j.messaging.executor.Lane;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** One in-flight bound with two lanes, as RPC servers and notification listeners use it. */
class InFlightTests {

	private final InFlight inFlight = new InFlight(2, 3);

	private final List<String> started = new CopyOnWriteArrayList<>();

	@Test
	void blockingWorkBeyondTheLimitWaitsInTheRoomAndStartsWhenRunningWorkIsReleased() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			admit(Lane.BLOCKING, "b" + i);
		}
		assertThat(this.started).containsExactly("b0", "b1");
		assertThat(this.inFlight.admitted(Lane.BLOCKING)).isEqualTo(4);
		this.inFlight.release(Lane.BLOCKING);
		assertThat(this.started).containsExactly("b0", "b1", "b2");
		this.inFlight.release(Lane.BLOCKING);
		this.inFlight.release(Lane.BLOCKING);
		this.inFlight.release(Lane.BLOCKING);
		assertThat(this.started).containsExactly("b0", "b1", "b2", "b3");
		assertThat(this.inFlight.admitted(Lane.BLOCKING)).isZero();
	}

	@Test
	void aFullBlockingLaneLeavesTheReactiveLaneItsRoom() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			admit(Lane.BLOCKING, "b" + i);
		}
		for (int i = 0; i < 3; i++) {
			admit(Lane.REACTIVE, "r" + i);
		}
		assertThat(this.started).containsExactly("b0", "b1", "r0", "r1", "r2");
		assertThat(this.inFlight.limit(Lane.BLOCKING)).isEqualTo(2);
		assertThat(this.inFlight.limit(Lane.REACTIVE)).isEqualTo(3);
	}

	@Test
	void admittingBlocksItsCallerOnlyWhenTheLaneAndItsWaitingRoomAreFull() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			admit(Lane.BLOCKING, "b" + i);
		}
		Thread consumer = new Thread(() -> {
			try {
				admit(Lane.BLOCKING, "b4");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "consumer");
		consumer.start();
		await().until(() -> consumer.getState() == Thread.State.WAITING);
		assertThat(this.inFlight.admitted(Lane.BLOCKING)).isEqualTo(4);
		this.inFlight.release(Lane.BLOCKING);
		await().until(() -> !consumer.isAlive());
		assertThat(this.inFlight.admitted(Lane.BLOCKING)).isEqualTo(4);
		assertThat(this.started).containsExactly("b0", "b1", "b2");
	}

	@Test
	void anInterruptedWaitAdmitsNothing() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			admit(Lane.BLOCKING, "b" + i);
		}
		Thread.currentThread().interrupt();
		try {
			admit(Lane.BLOCKING, "b4");
		}
		catch (InterruptedException expected) {
			assertThat(this.inFlight.admitted(Lane.BLOCKING)).isEqualTo(4);
			return;
		}
		throw new AssertionError("the wait was not interrupted");
	}

	@Test
	void idleMeansEveryMessageCountedInWasCountedOut() {
		this.inFlight.enter();
		this.inFlight.enter();
		assertThat(this.inFlight.awaitIdle(Duration.ZERO)).isFalse();
		this.inFlight.exit(2);
		assertThat(this.inFlight.messages()).isZero();
		assertThat(this.inFlight.awaitIdle(Duration.ZERO)).isTrue();
	}

	@Test
	void aLimitUnderOneIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> InFlight.requirePositive(0, "maxAsyncInFlight"))
			.withMessage("maxAsyncInFlight must be at least 1, was 0");
	}

	private void admit(Lane lane, String name) throws InterruptedException {
		this.inFlight.admit(lane, () -> this.started.add(name));
	}

}
