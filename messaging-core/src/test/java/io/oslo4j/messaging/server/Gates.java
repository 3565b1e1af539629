package io.oslo4j.messaging.server;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * What the server contract's endpoints share: one gate for blocking work and one for reactive
 * work, each counting how much is inside at once and how much got through.
 */
public final class Gates {

	public final Gate blocking = new Gate();

	public final Gate reactive = new Gate();

	/** Work that waits until the gate opens, counted while it waits. */
	public static final class Gate {

		public final AtomicInteger inside = new AtomicInteger();

		public final AtomicInteger mostInside = new AtomicInteger();

		public final AtomicInteger through = new AtomicInteger();

		/** The threads the work entered on. */
		public final Queue<String> threads = new ConcurrentLinkedQueue<>();

		private final CountDownLatch latch = new CountDownLatch(1);

		private final Sinks.Empty<Void> signal = Sinks.empty();

		public void open() {
			this.latch.countDown();
			this.signal.tryEmitEmpty();
		}

		/** Holds the calling thread (a worker) until the gate opens. */
		public void pass() {
			enter();
			try {
				if (!this.latch.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("the gate was never opened");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			leave();
		}

		/** Completes when the gate opens, holding no thread meanwhile. */
		public Mono<Void> passLater() {
			return Mono.fromRunnable(this::enter).then(this.signal.asMono()).then(Mono.fromRunnable(this::leave));
		}

		private void enter() {
			this.threads.add(Thread.currentThread().getName());
			this.mostInside.accumulateAndGet(this.inside.incrementAndGet(), Math::max);
		}

		private void leave() {
			// counted out before the outcome leaves, so the next work cannot be counted in first
			this.inside.decrementAndGet();
			this.through.incrementAndGet();
		}

	}

}
