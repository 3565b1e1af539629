package io.oslo4j.messaging.executor;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** reactive: no workers at all; a plain method is refused, on the reply scheduler. */
class ReactiveExecutorContractTests extends ExecutorContract {

	@Override
	ExecutorKind kind() {
		return ExecutorKind.REACTIVE;
	}

	@Override
	boolean runsBlockingMethods() {
		return false;
	}

	@Override
	boolean reactiveMethodsHoldNoWorker() {
		return true;
	}

	@Test
	void aSynchronousMethodFailsWithoutRunningOrTouchingAWorker() {
		Recorded invocation = new Recorded(false, () -> Mono.just("done"));
		StepVerifier.create(this.executor.execute(invocation))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("executor 'reactive' has no worker for Recorded.invoke"))
			.verify();
		assertThat(invocation.threads).isEmpty();
		assertThat(this.workers.getCompletedTaskCount() + this.workers.getActiveCount()).isZero();
	}

}
