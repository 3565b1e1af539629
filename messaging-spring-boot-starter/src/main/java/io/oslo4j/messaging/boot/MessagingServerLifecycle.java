package io.oslo4j.messaging.boot;

import java.time.Duration;

import io.oslo4j.messaging.MessagingServer;

import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops a {@link MessagingServer} (an RPC server or a notification listener) with the
 * application context.
 *
 * <p>The server starts consuming last, once the rest of the context (a web server included) has
 * started, and stops first: on stop it takes no new message, lets every message it has taken be
 * handled (and an RPC reply be published), for at most the shutdown timeout (Boot's
 * {@code spring.lifecycle.timeout-per-shutdown-phase}), and only then reports itself stopped. The
 * transport and the executor's schedulers are beans that are destroyed after every lifecycle has
 * stopped, so the replies of the drained requests still have a way out.
 *
 * <p>The starter starts and stops every {@code MessagingServer} bean this way on its own; define a
 * bean of this type for a server only to give it another phase, or to start it by hand
 * ({@link #setAutoStartup(boolean)}): the starter then leaves that server to it.
 *
 * @since 0.1
 */
public final class MessagingServerLifecycle implements SmartLifecycle {

	/** The default phase: the last to start and the first to stop, like Spring AMQP's listener containers. */
	public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE;

	private final MessagingServer server;

	private final Duration shutdownTimeout;

	private final int phase;

	private volatile boolean autoStartup = true;

	private volatile boolean running;

	/**
	 * A lifecycle in the {@linkplain #DEFAULT_PHASE default phase}.
	 * @param server the server to start and stop
	 * @param shutdownTimeout how long a stop waits for the work in flight
	 */
	public MessagingServerLifecycle(MessagingServer server, Duration shutdownTimeout) {
		this(server, shutdownTimeout, DEFAULT_PHASE);
	}

	/**
	 * A lifecycle in the given phase.
	 * @param server the server to start and stop
	 * @param shutdownTimeout how long a stop waits for the work in flight
	 * @param phase the phase to start and stop in
	 */
	public MessagingServerLifecycle(MessagingServer server, Duration shutdownTimeout, int phase) {
		this.server = server;
		this.shutdownTimeout = shutdownTimeout;
		this.phase = phase;
	}

	/**
	 * The server this lifecycle starts and stops; the starter starts no other lifecycle for it.
	 * @return the server
	 */
	public MessagingServer getServer() {
		return this.server;
	}

	/**
	 * Sets whether the server starts with the context (the default) or only when {@link #start()} is
	 * called, as Spring AMQP's {@code setAutoStartup} does for a listener container. Once started, it
	 * is stopped with the context.
	 * @param autoStartup false to start the server by hand
	 * @since 0.2
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public void start() {
		this.server.start();
		this.running = true;
	}

	/** Stops taking messages and waits, on the calling thread, for those in flight. */
	@Override
	public void stop() {
		this.running = false;
		this.server.awaitTermination(this.shutdownTimeout);
	}

	/**
	 * Stops taking messages at once, then waits for those in flight on a thread of its own, so that
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
		}, "oslo4j-drain");
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
