package io.oslo4j.messaging.notify;

import java.time.Duration;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.transport.Transport;
import tools.jackson.databind.JsonNode;

/**
 * A notification listener in a process of its own, so that a test can kill it: prints
 * {@code READY}, then the {@code seq} of every notification it has handled, one per line.
 * Arguments: transport URL, topic.
 */
public final class ListenerProcess {

	private ListenerProcess() {
	}

	public static void main(String[] args) throws InterruptedException {
		Transport transport = Transport.open(args[0]);
		NotificationListener listener = NotificationListener.builder(transport)
			.target(Target.topic(args[1]))
			.endpoint(new Printer())
			.executor(MessagingExecutors.create(ExecutorKind.EVENTLET))
			.maxInFlight(4)
			.build();
		listener.start();
		System.out.println("READY");
		System.out.flush();
		Thread.sleep(Duration.ofMinutes(5).toMillis());
	}

	/** Prints each notification's sequence number once it is handled. */
	public static class Printer {

		public void info(JsonNode payload) throws InterruptedException {
			Thread.sleep(10);
			System.out.println(payload.get("seq").asInt());
			System.out.flush();
		}

	}

}
