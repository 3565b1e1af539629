package io.oslo4j.messaging.executor;

import reactor.core.publisher.Mono;

/** An invocation that only has a shape: what {@link MessagingExecutor#lane(boolean)} asks about. */
final class Probe<T> implements Invocation<T> {

	static final Probe<Object> SYNCHRONOUS = new Probe<>(false);

	static final Probe<Object> ASYNCHRONOUS = new Probe<>(true);

	private final boolean asynchronous;

	private Probe(boolean asynchronous) {
		this.asynchronous = asynchronous;
	}

	@Override
	public boolean asynchronous() {
		return this.asynchronous;
	}

	@Override
	public Mono<T> invoke() {
		return Mono.error(new IllegalStateException("a lane probe is asked about its shape, never run"));
	}

}
