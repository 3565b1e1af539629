package io.oslo4j.messaging.boot.rpc;

import java.time.Duration;

import io.oslo4j.messaging.rpc.RpcServer;

import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops an {@link RpcServer} with the application context.
 *
 * <p>The server starts consuming last, once the rest of the context (a web server included) has
 * started, and stops first: on stop it takes no new request, lets every request it has taken
 * finish and publish its reply, for at most the shutdown timeout (Boot's
 * {@code spring.lifecycle.timeout-per-shutdown-phase}), and only then reports itself stopped. The
 * transport and the executor's schedulers are beans that are destroyed after every lifecycle has
 * stopped, so the replies of the drained requests still have a way out.
 *
 * @since 0.1
 */
public final class RpcServerLifecycle implements SmartLifecycle {

	/** The default phase: the last to start and the first to stop, like Spring AMQP's listener containers. */
	public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE;

	private final RpcServer server;

	private final Duration shutdownTimeout;

	private final int phase;

	private volatile boolean running;

	/**
	 * A lifecycle in the {@linkplain #DEFAULT_PHASE default phase}.
	 * @param server the server to start and stop
	 * @param shutdownTimeout how long a stop waits for the requests in flight
	 */
	public RpcServerLifecycle(RpcServer server, Duration shutdownTimeout) {
		this(server, shutdownTimeout, DEFAULT_PHASE);
	}

	public RpcServerLifecycle(RpcServer server, Duration shutdownTimeout, int phase) {
		this.server = server;
		this.shutdownTimeout = shutdownTimeout;
		this.phase = phase;
	}

	public RpcServer getServer() {
		return this.server;
	}

	@Override
	public void start() {
		this.server.start();
		this.running = true;
	}

	/** Stops taking requests and waits, on the calling thread, for those in flight. */
	@Override
	public void stop() {
		this.running = false;
		this.server.awaitTermination(this.shutdownTimeout);
	}

	/**
	 * Stops taking requests at once, then waits for those in flight on a thread of its own, so that
	 * the other beans of the phase stop meanwhile, and runs the callback when they are done.
	 */
	@Override
	public void stop(Runnable callback) {
		this.running = false;
		this.server.stop();
		Thread drain = new Thread(() -> {
			try {
				this.server.awaitTermination(this.shutdownTimeout);
			}
			finally {
				callback.run();
			}
		}, "oslo4j-rpc-server-drain");
		drain.setDaemon(true);
		drain.start();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

}
