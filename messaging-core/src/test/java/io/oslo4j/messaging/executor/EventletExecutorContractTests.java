package io.oslo4j.messaging.executor;

/** eventlet: every method holds a worker until its outcome is known. */
class EventletExecutorContractTests extends ExecutorContract {

	@Override
	ExecutorKind kind() {
		return ExecutorKind.EVENTLET;
	}

	@Override
	boolean runsBlockingMethods() {
		return true;
	}

	@Override
	boolean reactiveMethodsHoldNoWorker() {
		return false;
	}

}
