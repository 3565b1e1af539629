package io.oslo4j.messaging.transport;

import io.oslo4j.messaging.TransportUrl;

/**
 * Creates the driver for a transport URL's scheme. Factories are found with
 * {@link java.util.ServiceLoader}; oslo4j ships {@code fake} and {@code rabbit} (alias
 * {@code kombu}).
 *
 * @since 0.1
 */
public interface TransportDriverFactory {

	/** Whether this factory serves the URL's driver name ({@link TransportUrl#driver()}). */
	boolean supports(String driver);

	/**
	 * Creates a driver. Connecting may be lazy, but options must be checked here.
	 * @throws io.oslo4j.messaging.InvalidTransportUrlException for an unknown option or a bad value
	 */
	TransportDriver create(TransportUrl url);

}
