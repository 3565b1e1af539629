package io.oslo4j.messaging.executor;

import reactor.blockhound.BlockHound;
import reactor.core.scheduler.NonBlocking;

/**
 * The only class that names BlockHound's types, loaded only when detection is on, so that
 * BlockHound stays an optional dependency.
 */
final class BlockHoundInstaller {

	private BlockHoundInstaller() {
	}

	static void install() {
		BlockHound.builder()
			// The integrations' allowances (Reactor's own queues and locks, logging) hold here too.
			.loadIntegrations()
			// Only Reactor's non-blocking threads (greenio's among them) are asked on each blocking call:
			// every other thread keeps BlockHound's cheapest path.
			.addDynamicThreadPredicate(NonBlocking.class::isInstance)
			.nonBlockingThreadPredicate((current) -> BlockingCallDetector::inScope)
			.blockingMethodCallback((method) -> BlockingCallDetector.caught(method.getClassName(), method.getName()))
			.install();
	}

}
