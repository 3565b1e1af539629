package io.oslo4j.messaging.reliability;

import java.util.function.IntConsumer;

/** An RPC endpoint whose calls take a while, and tell when they start. */
public class SlowService {

	private final IntConsumer started;

	SlowService(IntConsumer started) {
		this.started = started;
	}

	/** Sleeps {@code millis}, then returns {@code seq}. */
	public int slow(int seq, long millis) throws InterruptedException {
		this.started.accept(seq);
		Thread.sleep(millis);
		return seq;
	}

}
