package io.oslo4j.messaging.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.MessagingServer;
import io.oslo4j.messaging.boot.MessagingServerLifecycle;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.ApplicationContextException;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops every {@link MessagingServer} bean of the context, the auto-configured ones and
 * those the application builds itself, as Spring AMQP's listener containers start and stop: in
 * {@link MessagingServerLifecycle#DEFAULT_PHASE}, the last to start and the first to stop. A stop
 * takes no new message on any server at once, then waits for the messages taken, on every server at
 * the same time, each for at most the shutdown timeout (Boot's
 * {@code spring.lifecycle.timeout-per-shutdown-phase}, which bounds the phase too).
 *
 * <p>The servers are looked up when the context starts, not when it is defined, so that no
 * condition depends on the order in which bean definitions arrive. A server that a
 * {@link MessagingServerLifecycle} bean of the application manages is left to it (its phase, its
 * auto-startup), so that no server is started twice.
 */
final class MessagingServersLifecycle implements SmartLifecycle {

	private final ListableBeanFactory beanFactory;

	private final Duration shutdownTimeout;

	private final List<MessagingServerLifecycle> started = new ArrayList<>();

	private volatile boolean running;

	MessagingServersLifecycle(ListableBeanFactory beanFactory, Duration shutdownTimeout) {
		this.beanFactory = beanFactory;
		this.shutdownTimeout = shutdownTimeout;
	}

	@Override
	public synchronized void start() {
		Set<MessagingServer> managedElsewhere = Collections.newSetFromMap(new IdentityHashMap<>());
		this.beanFactory.getBeansOfType(MessagingServerLifecycle.class, false, true)
			.values()
			.forEach((lifecycle) -> managedElsewhere.add(lifecycle.getServer()));
		this.beanFactory.getBeansOfType(MessagingServer.class, false, true).forEach((name, server) -> {
			if (!managedElsewhere.contains(server)) {
				start(name, new MessagingServerLifecycle(server, this.shutdownTimeout));
			}
		});
		this.running = true;
	}

	private void start(String name, MessagingServerLifecycle lifecycle) {
		try {
			lifecycle.start();
			this.started.add(lifecycle);
		}
		catch (RuntimeException ex) {
			stop();
			throw new ApplicationContextException("Failed to start messaging server '" + name + "'", ex);
		}
	}

	/** Stops every server at once, then waits, on the calling thread, for the messages they took. */
	@Override
	public void stop() {
		List<MessagingServerLifecycle> servers = takeStarted();
		servers.forEach((lifecycle) -> lifecycle.getServer().stop());
		servers.forEach(MessagingServerLifecycle::stop);
	}

	/**
	 * Stops every server at once; each waits for the messages it took on a thread of its own, so
	 * that they drain together and the other beans of the phase stop meanwhile; the callback runs
	 * when the last is done.
	 */
	@Override
	public void stop(Runnable callback) {
		List<MessagingServerLifecycle> servers = takeStarted();
		if (servers.isEmpty()) {
			callback.run();
			return;
		}
		AtomicInteger draining = new AtomicInteger(servers.size());
		servers.forEach((lifecycle) -> lifecycle.stop(() -> {
			if (draining.decrementAndGet() == 0) {
				callback.run();
			}
		}));
	}

	private synchronized List<MessagingServerLifecycle> takeStarted() {
		this.running = false;
		List<MessagingServerLifecycle> servers = List.copyOf(this.started);
		this.started.clear();
		return servers;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return MessagingServerLifecycle.DEFAULT_PHASE;
	}

}
