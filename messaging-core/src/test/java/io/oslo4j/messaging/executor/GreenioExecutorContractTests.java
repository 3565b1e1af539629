package io.oslo4j.messaging.executor;

/** greenio: plain methods on a worker, asynchronous ones on the greenio scheduler, holding no worker. */
class GreenioExecutorContractTests extends ExecutorContract {

	@Override
	ExecutorKind kind() {
		return ExecutorKind.GREENIO;
	}

	@Override
	boolean runsBlockingMethods() {
		return true;
	}

	@Override
	boolean reactiveMethodsHoldNoWorker() {
		return true;
	}

}
