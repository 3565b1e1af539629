package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import io.oslo4j.messaging.TransportUrl;

import org.jspecify.annotations.Nullable;

/**
 * Tells whether a broker that refused connections accepts them again, with a plain TCP connect that
 * opens no AMQP connection. A listener waiting out a long back-off step after its broker refused it
 * uses it to try again as soon as the broker is back, instead of up to a step later (with oslo's
 * defaults the steps grow to 31 s); the back-off still spaces the attempts that reach the broker.
 * A broker that accepts TCP and fails later (frozen, booting, refusing the login) is not
 * probed for: only an attempt refused at the TCP level makes the wait end early.
 */
final class BrokerProbe {

	/** How often a waiting listener probes. */
	static final long INTERVAL_MILLIS = 250;

	private static final int CONNECT_TIMEOUT_MILLIS = 200;

	private final List<InetSocketAddress> addresses;

	private BrokerProbe(List<InetSocketAddress> addresses) {
		this.addresses = addresses;
	}

	/** A probe of a URL's hosts. */
	static BrokerProbe of(TransportUrl url) {
		List<TransportUrl.Host> hosts = url.hosts().isEmpty() ? List.of(new TransportUrl.Host(null, null, null, null))
				: url.hosts();
		return new BrokerProbe(hosts.stream()
			.map((host) -> InetSocketAddress.createUnresolved(host.hostnameOrDefault(), host.portOrDefault()))
			.toList());
	}

	/** A probe of one host, the one an application's connection factory names. */
	static BrokerProbe of(String host, int port) {
		return new BrokerProbe(List.of(InetSocketAddress.createUnresolved(host, port)));
	}

	/** Whether one of the broker's addresses accepts a TCP connection now. */
	boolean accepting() {
		for (InetSocketAddress address : this.addresses) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), CONNECT_TIMEOUT_MILLIS);
				return true;
			}
			catch (IOException ex) {
				// this one is not back yet; the next may be
			}
		}
		return false;
	}

	/** Whether an attempt failed because the broker refused the TCP connection (it is down). */
	static boolean refused(@Nullable Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
			if (cause.getCause() == cause) {
				return false;
			}
		}
		return false;
	}

}
