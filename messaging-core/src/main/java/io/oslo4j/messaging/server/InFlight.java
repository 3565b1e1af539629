package io.oslo4j.messaging.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.oslo4j.messaging.executor.Lane;

import org.jspecify.annotations.Nullable;

/**
 * What a server has taken from its transport and not yet finished, and the bound on the work it
 * runs at once, in two {@link Lane lanes}: work that holds a worker and work that does not, so
 * that slow blocking work cannot use up the room of reactive work. The same for RPC servers and
 * notification listeners.
 *
 * <p>Messages are counted from {@link #enter()} to {@link #exit()}: an RPC request until its reply
 * is published, a notification until it is acknowledged or requeued. Their work (a request, a
 * notification or a batch) is {@link #admit admitted} to its lane: a lane runs at most its limit
 * at once. Blocking work that finds its lane full waits in the lane's waiting room (as many places
 * as the lane runs) and starts when running work is {@link #release released}, so that the
 * consumer thread goes on taking reactive work. Only when the waiting room is full too does
 * {@link #admit} block its caller, the transport's consumer thread: that is the back-pressure,
 * the broker keeps the rest, unacknowledged or unconsumed.
 *
 * @since 0.3
 */
public final class InFlight {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition idle = this.lock.newCondition();

	private final Map<Lane, Room> lanes = new EnumMap<>(Lane.class);

	private int messages;

	/**
	 * @param maxBlocking how much blocking work runs at once (as many more wait)
	 * @param maxReactive how much reactive work runs at once (none waits)
	 */
	public InFlight(int maxBlocking, int maxReactive) {
		this.lanes.put(Lane.BLOCKING, new Room(requirePositive(maxBlocking, "maxBlocking"), maxBlocking));
		this.lanes.put(Lane.REACTIVE, new Room(requirePositive(maxReactive, "maxReactive"), 0));
	}

	/** Counts in a message taken from the transport, until {@link #exit()}. */
	public void enter() {
		this.lock.lock();
		try {
			this.messages++;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Counts out messages that are finished. */
	public void exit(int count) {
		this.lock.lock();
		try {
			this.messages -= count;
			if (this.messages <= 0) {
				this.idle.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Counts out a message that is finished. */
	public void exit() {
		exit(1);
	}

	/**
	 * Starts {@code work} now if its lane has room, later if it can wait, or blocks until one of
	 * those is possible.
	 * @param work what starts the work; it must return quickly and end with {@link #release(Lane)}
	 * @throws InterruptedException when interrupted while waiting; the work is not admitted
	 */
	public void admit(Lane lane, Runnable work) throws InterruptedException {
		Room room = this.lanes.get(lane);
		boolean startNow;
		this.lock.lock();
		try {
			while (room.running == room.max && room.waiting.size() == room.waitingCapacity) {
				room.free.await();
			}
			startNow = room.running < room.max;
			if (startNow) {
				room.running++;
			}
			else {
				room.waiting.addLast(work);
			}
		}
		finally {
			this.lock.unlock();
		}
		if (startNow) {
			work.run();
		}
	}

	/** Ends admitted work of the lane, and starts the next waiting one. */
	public void release(Lane lane) {
		Room room = this.lanes.get(lane);
		@Nullable Runnable next;
		this.lock.lock();
		try {
			next = room.waiting.pollFirst();
			if (next == null) {
				room.running--;
			}
			room.free.signal();
		}
		finally {
			this.lock.unlock();
		}
		if (next != null) {
			next.run();
		}
	}

	/** Messages taken and not yet finished. */
	public int messages() {
		this.lock.lock();
		try {
			return this.messages;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Work of the lane running or waiting for room. */
	public int admitted(Lane lane) {
		Room room = this.lanes.get(lane);
		this.lock.lock();
		try {
			return room.running + room.waiting.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How much work of the lane runs at once. */
	public int limit(Lane lane) {
		return this.lanes.get(lane).max;
	}

	/**
	 * Waits until no message is in flight.
	 * @return false if the timeout passed first, or the thread was interrupted (the interrupt is kept)
	 */
	public boolean awaitIdle(Duration timeout) {
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.messages > 0) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.idle.awaitNanos(remaining);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Checks a limit as a builder takes it.
	 * @param name the builder's setting, for the message
	 * @throws IllegalArgumentException naming the setting when the limit is under 1
	 */
	public static int requirePositive(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, was " + value);
		}
		return value;
	}

	private final class Room {

		private final int max;

		private final int waitingCapacity;

		private final Deque<Runnable> waiting = new ArrayDeque<>();

		private final Condition free = InFlight.this.lock.newCondition();

		private int running;

		Room(int max, int waitingCapacity) {
			this.max = max;
			this.waitingCapacity = waitingCapacity;
		}

	}

}
