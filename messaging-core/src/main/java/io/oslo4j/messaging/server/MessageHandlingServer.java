package io.oslo4j.messaging.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.oslo4j.messaging.MessagingServer;
import io.oslo4j.messaging.ServerDescription;
import io.oslo4j.messaging.executor.Lane;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.transport.Listener;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every server shares, RPC server and notification listener alike: oslo's
 * {@code MessageHandlingServer}. Its two users differ only in how they {@link #subscribe()} and
 * what their pipeline does with a delivery: decode, deduplicate, admit into the {@link InFlight}
 * bound, execute, complete (reply, or acknowledge).
 *
 * <p>One state, changed by compare-and-set only: {@code NEW} → {@link #start()} →
 * {@code RUNNING} → {@link #stop()} → {@code STOPPED} → {@link #awaitTermination(Duration)} →
 * {@code TERMINATED}, from which {@link #start()} starts it again, as oslo allows after
 * {@code stop()} and {@code wait()}. Starting a server that is stopped but not yet terminated is
 * refused with an {@link IllegalStateException}: its previous work still holds the queues. Every
 * method is idempotent and thread-safe, and none blocks under a lock; {@link #stop()} waits only
 * for a concurrent {@link #start()} to have subscribed.
 *
 * @since 0.3
 */
public abstract class MessageHandlingServer implements MessagingServer {

	/** The default bound on reactive work in flight (under greenio and reactive). */
	public static final int DEFAULT_MAX_ASYNC_IN_FLIGHT = 16_384;

	private static final Logger logger = LoggerFactory.getLogger(MessageHandlingServer.class);

	private static final Phase NEW = new Phase(State.NEW, null);

	private static final Phase STARTING = new Phase(State.STARTING, null);

	private static final Phase TERMINATED = new Phase(State.TERMINATED, null);

	private final MessagingExecutor executor;

	private final boolean ownsExecutor;

	private final InFlight inFlight;

	private final AtomicReference<Phase> phase = new AtomicReference<>(NEW);

	/**
	 * @param executor what runs the endpoint methods
	 * @param ownsExecutor whether {@link #shutdown(Duration)} disposes of the executor
	 * @param inFlight the bound and count of the server's work
	 */
	protected MessageHandlingServer(MessagingExecutor executor, boolean ownsExecutor, InFlight inFlight) {
		this.executor = executor;
		this.ownsExecutor = ownsExecutor;
		this.inFlight = inFlight;
	}

	/**
	 * Declares the queues and starts consuming, each delivery going through the server's
	 * pipeline. Called by {@link #start()}, never twice without the subscription being closed.
	 */
	protected abstract Listener subscribe();

	/** How logs and errors name the server, as {@code RPC server compute.host1}. */
	protected abstract String name();

	/**
	 * Declares the queues and starts consuming. Does nothing when running.
	 * @throws IllegalStateException when stopped but not yet terminated
	 */
	@Override
	public final void start() {
		while (true) {
			Phase current = this.phase.get();
			switch (current.state) {
				case STARTING, RUNNING -> {
					return;
				}
				case STOPPED -> throw new IllegalStateException(name() + " was stopped and has not terminated; call "
						+ "awaitTermination() before starting it again");
				default -> {
					if (this.phase.compareAndSet(current, STARTING)) {
						open(current);
						return;
					}
				}
			}
		}
	}

	private void open(Phase previous) {
		Listener subscription;
		try {
			subscription = subscribe();
		}
		catch (RuntimeException | Error ex) {
			this.phase.set(previous);
			throw ex;
		}
		this.phase.set(new Phase(State.RUNNING, subscription));
		logger.info("{} started with the {} executor", name(), this.executor.kind().configName());
	}

	/** Stops taking new messages; those already taken are still handled. Does nothing when not running. */
	@Override
	public final void stop() {
		while (true) {
			Phase current = this.phase.get();
			if (current.state == State.STARTING) {
				// the subscription is being declared: it is ours to stop once it exists
				LockSupport.parkNanos(100_000);
				continue;
			}
			if (current.state != State.RUNNING) {
				return;
			}
			if (this.phase.compareAndSet(current, new Phase(State.STOPPED, current.subscription))) {
				current.subscription().stop();
				return;
			}
		}
	}

	/**
	 * Stops if running, then waits until every message taken has been handled (for RPC: its reply
	 * published; for notifications: acknowledged or requeued), then releases the queues. When the
	 * timeout passes first the queues are released anyway. An interrupt ends the wait like a
	 * timeout, and is kept.
	 * @return false if work was still in flight when the timeout passed
	 */
	@Override
	public final boolean awaitTermination(Duration timeout) {
		stop();
		Phase stopped = this.phase.get();
		if (stopped.state == State.NEW) {
			return true;
		}
		boolean drained = this.inFlight.awaitIdle(timeout);
		if (stopped.state == State.STOPPED && this.phase.compareAndSet(stopped, TERMINATED)) {
			stopped.subscription().close();
			if (!drained) {
				logger.warn("{} terminated with {} messages still in flight", name(), this.inFlight.messages());
			}
		}
		return drained;
	}

	/**
	 * Stops, drains for at most {@code timeout}, releases the queues, and disposes of the executor
	 * if the server created it.
	 * @return false if work was still in flight when the timeout passed
	 */
	public final boolean shutdown(Duration timeout) {
		boolean drained = awaitTermination(timeout);
		if (this.ownsExecutor) {
			this.executor.disposeGracefully().block(timeout);
		}
		return drained;
	}

	/** Whether the server is started and not stopped. */
	@Override
	public final boolean isRunning() {
		return this.phase.get().state == State.RUNNING;
	}

	/** Whether the transport subscription consumes right now. */
	public final boolean isConsuming() {
		Phase current = this.phase.get();
		return current.state == State.RUNNING && current.subscription().isConsuming();
	}

	/** Messages taken and not yet finished (answered, or settled). */
	public final int inFlight() {
		return this.inFlight.messages();
	}

	/**
	 * Whether a delivery arriving now is still the server's to handle: false once it is stopped,
	 * when a delivery taken at that moment goes back to its queue.
	 */
	protected final boolean accepting() {
		State state = this.phase.get().state;
		return state == State.STARTING || state == State.RUNNING;
	}

	/** The executor that runs the endpoint methods. */
	protected final MessagingExecutor executor() {
		return this.executor;
	}

	/** The bound and count of the server's work. */
	protected final InFlight inFlightBound() {
		return this.inFlight;
	}

	/** The in-flight lanes as a description shows them: those the executor's invocations can take. */
	protected final List<ServerDescription.Lane> describeLanes() {
		List<ServerDescription.Lane> lanes = new ArrayList<>();
		for (Lane lane : this.executor.lanes()) {
			lanes.add(new ServerDescription.Lane((lane == Lane.BLOCKING) ? ServerDescription.WORKER_LANE
					: ServerDescription.GREENIO_LANE, this.inFlight.admitted(lane), this.inFlight.limit(lane)));
		}
		return lanes;
	}

	private enum State {

		NEW, STARTING, RUNNING, STOPPED, TERMINATED

	}

	/** The state, and the subscription that belongs to it (running and stopped only). */
	private record Phase(State state, @Nullable Listener subscription) {

		@Override
		public Listener subscription() {
			Listener current = this.subscription;
			if (current == null) {
				throw new IllegalStateException("no subscription in state " + this.state);
			}
			return current;
		}

	}

}
