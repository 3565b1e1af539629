package io.oslo4j.messaging.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Disposes the Reactor schedulers that the auto-configuration created, gracefully and for at most
 * the shutdown timeout, then at once. The schedulers depend on this bean, so it is destroyed after
 * them and after everything that uses them; by then every lifecycle, the RPC server's drain
 * included, has stopped.
 */
final class SchedulerDisposer implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SchedulerDisposer.class);

	private final Duration timeout;

	private final List<Scheduler> schedulers = new CopyOnWriteArrayList<>();

	SchedulerDisposer(Duration timeout) {
		this.timeout = timeout;
	}

	/** Takes charge of a scheduler and returns it. */
	Scheduler register(Scheduler scheduler) {
		this.schedulers.add(scheduler);
		return scheduler;
	}

	@Override
	public void destroy() {
		try {
			Mono.when(this.schedulers.stream().map(Scheduler::disposeGracefully).toList()).block(this.timeout);
		}
		catch (RuntimeException ex) {
			logger.warn("Messaging schedulers still busy after {}; disposing them now", this.timeout);
		}
		this.schedulers.forEach(Scheduler::dispose);
	}

}
