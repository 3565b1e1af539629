package io.oslo4j.messaging.executor;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

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
 * <li>Outcomes handed over while the reply scheduler is busy are signalled together, one after
 * the other, by one of its tasks: a subscriber of an outcome must not block there.</li>
 * <li>No ordering holds between invocations, as in oslo.</li>
 * </ul>
 * Which thread runs the method depends on the {@link #kind()}: see {@link ExecutorKind}. Callers
 * that count or bound work ask {@link #lane(Invocation)} what an invocation will hold, and never
 * which kind of executor runs it.
 *
 * <p>{@link #disposeGracefully()} releases the schedulers this executor created (never those it
 * was given) once the work already submitted has finished.
 *
 * @since 0.1
 */
public interface MessagingExecutor {

	/** Which kind this is: for configuration, logs and descriptions, not for deciding how to call it. */
	ExecutorKind kind();

	/**
	 * What the invocation will hold while it runs here: a worker ({@link Lane#BLOCKING}) or
	 * nothing ({@link Lane#REACTIVE}). Decided without running it.
	 * @since 0.3
	 */
	Lane lane(Invocation<?> invocation);

	/**
	 * The lane of any invocation of a method of this shape, known before a call: as
	 * {@link #lane(Invocation)} for an invocation whose {@link Invocation#asynchronous()} is this.
	 * @since 0.3
	 */
	default Lane lane(boolean asynchronous) {
		return lane(asynchronous ? Probe.ASYNCHRONOUS : Probe.SYNCHRONOUS);
	}

	/**
	 * The lanes this executor's invocations can take: {@link Lane#BLOCKING} only under
	 * {@code eventlet}, {@link Lane#REACTIVE} only under {@code reactive}, both under {@code greenio}.
	 * @since 0.3
	 */
	default Set<Lane> lanes() {
		return Collections.unmodifiableSet(EnumSet.of(lane(false), lane(true)));
	}

	/** The invocation's outcome, run and signalled as the class documentation says. */
	<T> Mono<T> execute(Invocation<T> invocation);

	/** The dedicated scheduler on which outcomes are signalled and replies published. */
	Scheduler replyScheduler();

	/** Releases the schedulers this executor owns. */
	Mono<Void> disposeGracefully();

}
