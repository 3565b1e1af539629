package io.oslo4j.sample.compute;

import java.util.concurrent.atomic.AtomicInteger;

import io.oslo4j.messaging.notify.NotificationEndpoint;

import org.springframework.stereotype.Component;

/** Listens to the compute service's own instance events, as a billing service would. */
@Component
@NotificationEndpoint(eventType = "compute\\.instance\\.")
public class InstanceEventsEndpoint {

	private final AtomicInteger received = new AtomicInteger();

	/** Handles {@code info} notifications whose event type starts with {@code compute.instance.}. */
	public void info(String eventType, Server payload) {
		this.received.incrementAndGet();
	}

	int received() {
		return this.received.get();
	}

}
