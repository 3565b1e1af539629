package io.oslo4j.messaging.executor;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Decides which thread runs an endpoint method and which thread sees its outcome.
 *
 * <p>Guarantees, for both kinds:
 * <ul>
 * <li>The calling thread (a transport's consumer thread) never runs endpoint code:
 * {@link #execute(Invocation)} returns at once, and the method runs when the returned
 * {@code Mono} is subscribed, on the task executor or the reactive scheduler.</li>
 * <li>The outcome (value, empty or error) is signalled on {@link #replyScheduler()}, so replies
 * are encoded and published there, never on the thread that completed the work.</li>
 * <li>No ordering holds between invocations, as in oslo.</li>
 * </ul>
 * Which thread runs the method depends on the {@link #kind()}: see {@link ExecutorKind}.
 *
 * <p>{@link #disposeGracefully()} releases the schedulers this executor created (never those it
 * was given) once the work already submitted has finished.
 *
 * @since 0.1
 */
public interface MessagingExecutor {

	ExecutorKind kind();

	/** The invocation's outcome, run and signalled as the class documentation says. */
	<T> Mono<T> execute(Invocation<T> invocation);

	/** The dedicated scheduler on which outcomes are signalled and replies published. */
	Scheduler replyScheduler();

	/** Releases the schedulers this executor owns. */
	Mono<Void> disposeGracefully();

}
