package io.oslo4j.messaging.transport.memory;

import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.transport.TransportDriver;
import io.oslo4j.messaging.transport.TransportDriverFactory;

/** Serves {@code fake://} URLs. */
public final class InMemoryDriverFactory implements TransportDriverFactory {

	@Override
	public boolean supports(String driver) {
		return "fake".equals(driver);
	}

	@Override
	public TransportDriver create(TransportUrl url) {
		return new InMemoryDriver(url);
	}

}
