package io.oslo4j.messaging.executor;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * What {@link LaneExecutor#execute} returns: each subscription runs the invocation once, on a
 * worker or on the greenio scheduler, and signals its outcome on the reply scheduler, through one
 * object ({@link Call}) that is the worker's task, the subscriber of an asynchronous outcome and
 * the outcome waiting in the {@link ReplyHandoff}. Two hand-offs per call, each a plain task: no
 * {@code subscribeOn} or {@code publishOn} chain is built per call.
 *
 * @param <T> the result type
 */
final class Execution<T> extends Mono<T> {

	private final Invocation<T> invocation;

	private final @Nullable WorkerRunner workers;

	private final @Nullable GreenioRunner greenio;

	private final ReplyHandoff replies;

	/** @param workers null to run on the greenio scheduler, which is then not null */
	Execution(Invocation<T> invocation, @Nullable WorkerRunner workers, @Nullable GreenioRunner greenio,
			ReplyHandoff replies) {
		this.invocation = invocation;
		this.workers = workers;
		this.greenio = greenio;
		this.replies = replies;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		actual.onSubscribe(new Call<>(actual, this));
	}

	/** One subscription: runs, keeps the outcome, and signals it when the reply scheduler runs it. */
	static final class Call<T> implements Subscription, Runnable, CoreSubscriber<T>, ReplyHandoff.Outcome {

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<Call> STARTED =
				AtomicIntegerFieldUpdater.newUpdater(Call.class, "started");

		private final CoreSubscriber<? super T> actual;

		private final Execution<T> execution;

		private @Nullable T value;

		private @Nullable Throwable failure;

		private boolean handedOver;

		private volatile int started;

		private volatile boolean cancelled;

		private volatile @Nullable Subscription upstream;

		Call(CoreSubscriber<? super T> actual, Execution<T> execution) {
			this.actual = actual;
			this.execution = execution;
		}

		/** The first request starts the invocation, so that every signal follows a request. */
		@Override
		public void request(long n) {
			if (n <= 0 || !STARTED.compareAndSet(this, 0, 1)) {
				return;
			}
			WorkerRunner workers = this.execution.workers;
			GreenioRunner greenio = this.execution.greenio;
			if (workers != null) {
				try {
					workers.execute(this);
				}
				catch (RejectedExecutionException ex) {
					onError(ex);
				}
			}
			else if (greenio != null) {
				greenio.run(this.execution.invocation).subscribe(this);
			}
		}

		/** The worker's task: the method, its outcome awaited here, as eventlet's green threads do. */
		@Override
		public void run() {
			if (this.cancelled) {
				return;
			}
			T result;
			try {
				result = this.execution.invocation.invoke().block();
			}
			catch (RuntimeException ex) {
				Throwable cause = Exceptions.unwrap(ex);
				onError((cause instanceof Exception) ? cause : ex);
				return;
			}
			catch (Error ex) {
				Exceptions.throwIfJvmFatal(ex);
				onError(ex);
				return;
			}
			if (result != null) {
				onNext(result);
			}
			onComplete();
		}

		/** The subscriber's context, passed upstream as {@code publishOn} passed it. */
		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			if (this.cancelled) {
				subscription.cancel();
				return;
			}
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(T next) {
			if (this.value == null) {
				this.value = next;
			}
		}

		@Override
		public void onError(Throwable error) {
			this.failure = error;
			handOver();
		}

		@Override
		public void onComplete() {
			handOver();
		}

		private void handOver() {
			if (this.handedOver) {
				return;
			}
			this.handedOver = true;
			this.execution.replies.handOver(this);
		}

		/** On the reply scheduler. */
		@Override
		public void signal() {
			if (this.cancelled) {
				return;
			}
			Throwable failure = this.failure;
			T value = this.value;
			if (failure != null) {
				this.actual.onError(failure);
				return;
			}
			if (value != null) {
				this.actual.onNext(value);
			}
			this.actual.onComplete();
		}

		@Override
		public void rejected(RejectedExecutionException refused) {
			if (!this.cancelled) {
				this.actual.onError(
						Operators.onRejectedExecution(refused, null, this.failure, this.value, this.actual.currentContext()));
			}
		}

		@Override
		public void cancel() {
			this.cancelled = true;
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.cancel();
			}
		}

	}

}
