package io.oslo4j.messaging.executor;

import reactor.blockhound.BlockHound;

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
			// Every thread is asked on each blocking call, since any thread may run a greenio task.
			.addDynamicThreadPredicate((thread) -> true)
			.nonBlockingThreadPredicate((current) -> BlockingCallDetector::inScope)
			.blockingMethodCallback((method) -> BlockingCallDetector.caught(method.getClassName(), method.getName()))
			.install();
	}

}
