package io.oslo4j.messaging.executor;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Every {@link ExecutorKind}, told apart only by the runners it has: {@code eventlet} has workers
 * only, {@code reactive} the greenio scheduler only, {@code greenio} both. An invocation takes the
 * {@link Lane#REACTIVE} lane when it is asynchronous and there is a greenio scheduler, or when
 * there are no workers; otherwise it holds a worker. A synchronous invocation with no worker to
 * run on (a mistake of the caller: servers refuse such methods when built) fails. Every outcome
 * is signalled on the reply scheduler, handed over there in batches ({@link ReplyHandoff}); only
 * the schedulers the executor created are disposed of.
 */
final class LaneExecutor implements MessagingExecutor {

	private final ExecutorKind kind;

	private final @Nullable WorkerRunner workers;

	private final @Nullable GreenioRunner greenio;

	private final ReplyHandoff replies;

	private final List<Scheduler> owned;

	LaneExecutor(ExecutorKind kind, @Nullable WorkerRunner workers, @Nullable GreenioRunner greenio,
			Scheduler replyScheduler, List<Scheduler> owned) {
		this.kind = kind;
		this.workers = workers;
		this.greenio = greenio;
		this.replies = new ReplyHandoff(replyScheduler);
		this.owned = List.copyOf(owned);
	}

	@Override
	public ExecutorKind kind() {
		return this.kind;
	}

	@Override
	public Lane lane(Invocation<?> invocation) {
		boolean reactive = (invocation.asynchronous() && this.greenio != null) || this.workers == null;
		return reactive ? Lane.REACTIVE : Lane.BLOCKING;
	}

	@Override
	public <T> Mono<T> execute(Invocation<T> invocation) {
		WorkerRunner workers = this.workers;
		GreenioRunner greenio = this.greenio;
		if (workers != null && (greenio == null || !invocation.asynchronous())) {
			return new Execution<>(invocation, workers, null, this.replies);
		}
		if (greenio == null || !invocation.asynchronous()) {
			return Mono.<T>error(new IllegalStateException("executor '" + this.kind.configName() + "' has no worker for "
					+ invocation.description() + ", which returns a plain value; return Mono or CompletionStage, or "
					+ "use executor 'greenio'"))
				.publishOn(this.replies.scheduler());
		}
		return new Execution<>(invocation, null, greenio, this.replies);
	}

	@Override
	public Scheduler replyScheduler() {
		return this.replies.scheduler();
	}

	@Override
	public Mono<Void> disposeGracefully() {
		return Mono.when(this.owned.stream().map(Scheduler::disposeGracefully).toList());
	}

}
