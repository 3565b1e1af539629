package io.oslo4j.messaging.executor;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * One asynchronous invocation on the greenio scheduler, as one object: the task that calls the
 * method there (watched by the {@link HoldWatch}), the subscriber of the method's outcome, and
 * what cancels both. The scheduler's task is let go once it has run, so that a method parked for
 * long keeps nothing of it. A blocking call caught during the hold fails the outcome even when the
 * method caught the exception itself.
 *
 * @param <T> the result type
 */
final class GreenioHold<T> implements Runnable, CoreSubscriber<T>, Disposable {

	private static final Object RAN = new Object();

	private static final Object CANCELLED = new Object();

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<GreenioHold, Object> TASK =
			AtomicReferenceFieldUpdater.newUpdater(GreenioHold.class, Object.class, "task");

	private final Invocation<T> invocation;

	private final MonoSink<T> sink;

	private final HoldWatch watch;

	/** null until scheduled, then the scheduler's task, {@link #RAN} or {@link #CANCELLED}. */
	private volatile @Nullable Object task;

	private volatile @Nullable Subscription subscription;

	private volatile BlockingCallDetector.@Nullable Scope scope;

	private boolean delivered;

	GreenioHold(Invocation<T> invocation, MonoSink<T> sink, HoldWatch watch) {
		this.invocation = invocation;
		this.sink = sink;
		this.watch = watch;
	}

	/** Schedules the hold; the sink's cancellation cancels it. */
	void start(Scheduler scheduler) {
		this.sink.onCancel(this);
		Disposable scheduled = scheduler.schedule(this);
		if (!TASK.compareAndSet(this, null, scheduled) && this.task == CANCELLED) {
			scheduled.dispose();
		}
	}

	/** Calls the method on this greenio thread and subscribes to its outcome, watching the hold. */
	@Override
	public void run() {
		if (TASK.getAndSet(this, RAN) == CANCELLED) {
			TASK.set(this, CANCELLED);
			return;
		}
		BlockingCallDetector.@Nullable Scope scope = this.watch.enter(this.invocation);
		this.scope = scope;
		long start = System.nanoTime();
		try {
			this.invocation.invoke().subscribe(this);
		}
		catch (RuntimeException ex) {
			onError(ex);
		}
		finally {
			this.watch.held(this.invocation, scope, System.nanoTime() - start);
		}
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		this.subscription = subscription;
		if (this.task == CANCELLED) {
			subscription.cancel();
			return;
		}
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(T value) {
		deliver(value);
	}

	@Override
	public void onError(Throwable error) {
		BlockingCallException failure = caught();
		this.sink.error((failure != null) ? failure : error);
	}

	@Override
	public void onComplete() {
		deliver(null);
	}

	private void deliver(@Nullable T value) {
		if (this.delivered) {
			return;
		}
		this.delivered = true;
		BlockingCallException failure = caught();
		if (failure != null) {
			this.sink.error(failure);
		}
		else if (value != null) {
			this.sink.success(value);
		}
		else {
			this.sink.success();
		}
	}

	private @Nullable BlockingCallException caught() {
		BlockingCallDetector.@Nullable Scope scope = this.scope;
		return (scope != null) ? scope.failure() : null;
	}

	/** The subscriber cancelled: the task if it has not run, the method's outcome if it has. */
	@Override
	public void dispose() {
		Object previous = TASK.getAndSet(this, CANCELLED);
		if (previous instanceof Disposable scheduled) {
			scheduled.dispose();
		}
		Subscription subscription = this.subscription;
		if (subscription != null) {
			subscription.cancel();
		}
	}

	@Override
	public boolean isDisposed() {
		return this.task == CANCELLED;
	}

}
