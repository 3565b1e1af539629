package io.oslo4j.messaging.executor;


import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * Runs asynchronous invocations on the greenio scheduler, each hold of a greenio thread watched by
 * a {@link HoldWatch}.
 *
 * <p>The hold measured is the subscription: the method's own call and whatever its {@code Mono}
 * does synchronously when subscribed. Work its {@code Mono} later does on other threads is not.
 */
final class GreenioRunner {

	private final Scheduler scheduler;

	private final HoldWatch watch;

	GreenioRunner(Scheduler scheduler, HoldWatch watch) {
		this.scheduler = scheduler;
		this.watch = watch;
	}

	<T> Mono<T> run(Invocation<T> invocation) {
		return Mono.create((sink) -> {
			Disposable.Swap subscription = Disposables.swap();
			Disposable task = this.scheduler.schedule(() -> subscription.update(hold(invocation, sink)));
			sink.onCancel(() -> {
				task.dispose();
				subscription.dispose();
			});
		});
	}

	/** Calls the method on this greenio thread and subscribes to its outcome, watching the hold. */
	private <T> Disposable hold(Invocation<T> invocation, MonoSink<T> sink) {
		BlockingCallDetector.@Nullable Scope scope = this.watch.enter(invocation);
		long start = System.nanoTime();
		try {
			return invocation.invoke()
				.subscribe((value) -> deliver(sink, scope, value), (error) -> fail(sink, scope, error),
						() -> deliver(sink, scope, null));
		}
		catch (RuntimeException ex) {
			fail(sink, scope, ex);
			return Disposables.disposed();
		}
		finally {
			this.watch.held(invocation, scope, System.nanoTime() - start);
		}
	}

	/** A caught blocking call fails the outcome even when the method caught the exception itself. */
	private static <T> void deliver(MonoSink<T> sink, BlockingCallDetector.@Nullable Scope scope, @Nullable T value) {
		BlockingCallException failure = (scope != null) ? scope.failure() : null;
		if (failure != null) {
			sink.error(failure);
		}
		else if (value != null) {
			sink.success(value);
		}
		else {
			sink.success();
		}
	}

	private static void fail(MonoSink<?> sink, BlockingCallDetector.@Nullable Scope scope, Throwable error) {
		BlockingCallException failure = (scope != null) ? scope.failure() : null;
		sink.error((failure != null) ? failure : error);
	}

}
