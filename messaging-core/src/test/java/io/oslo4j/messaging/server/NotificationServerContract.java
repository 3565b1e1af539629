package io.oslo4j.messaging.server;

import java.time.Duration;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import reactor.core.publisher.Mono;

/** The server contract for notification listeners: {@code info} is blocking, {@code error} reactive. */
abstract class NotificationServerContract extends ServerContract {

	private MessagingExecutor executor;

	private Notifier notifier;

	@Override
	protected MessageHandlingServer build(ExecutorKind kind, int maxBlocking, int maxAsync) {
		this.executor = MessagingExecutors.create(kind);
		this.notifier = Notifier.builder(this.transport).publisherId("contract").topics(this.topic).build();
		return NotificationListener.builder(this.transport)
			.target(Target.topic(this.topic))
			.endpoint(new GatedEndpoint(this.gates))
			.executor(this.executor)
			.maxInFlight(maxBlocking)
			.maxAsyncInFlight(maxAsync)
			.build();
	}

	@Override
	protected void sendBlocking(int i) {
		this.notifier.info(RequestContext.empty(), "blocking." + i, null);
	}

	@Override
	protected void sendReactive(int i) {
		this.notifier.error(RequestContext.empty(), "reactive." + i, null);
	}

	@Override
	protected void release() {
		if (this.executor != null) {
			this.executor.disposeGracefully().block(Duration.ofSeconds(10));
		}
	}

	/** Its methods pass the gates. */
	public static class GatedEndpoint {

		private final Gates gates;

		GatedEndpoint(Gates gates) {
			this.gates = gates;
		}

		public void info() {
			this.gates.blocking.pass();
		}

		public Mono<Void> error() {
			return this.gates.reactive.passLater();
		}

	}

}
