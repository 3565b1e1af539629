package io.oslo4j.messaging.transport.rabbit;

import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.transport.TransportDriver;
import io.oslo4j.messaging.transport.TransportDriverFactory;

/**
 * Serves {@code rabbit://} URLs and oslo's alias {@code kombu://}.
 *
 * @since 0.1
 */
public final class RabbitDriverFactory implements TransportDriverFactory {

	@Override
	public boolean supports(String driver) {
		return "rabbit".equals(driver) || "kombu".equals(driver);
	}

	@Override
	public TransportDriver create(TransportUrl url) {
		return RabbitDriver.create(url);
	}

}
