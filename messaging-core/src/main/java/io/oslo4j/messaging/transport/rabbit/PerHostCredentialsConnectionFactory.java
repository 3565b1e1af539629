package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.rabbitmq.client.AddressResolver;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MetricsCollector;
import com.rabbitmq.client.impl.AMQConnection;
import com.rabbitmq.client.impl.ConnectionParams;
import com.rabbitmq.client.impl.DefaultCredentialsProvider;
import com.rabbitmq.client.impl.FrameHandler;
import io.oslo4j.messaging.TransportUrl;

import org.jspecify.annotations.Nullable;

/**
 * An amqp-client connection factory that logs in to each host of a transport URL with that host's
 * own credentials, as oslo does ({@code rabbit://u1:p1@h1,u2:p2@h2/}); a host written without
 * credentials logs in as guest/guest. amqp-client tries the addresses in turn with one set of
 * credentials, so the credentials are chosen here, once the socket to a host is open, by the name
 * the socket was opened with. It also tells a {@link FailoverAddresses} which host a connection
 * was made to, so that the next connection tries that one first, as kombu does, and reads each
 * connection's frames through an {@link OsloHeartbeatFrameHandler}, for oslo's heartbeats and
 * oslo4j's silence watch; a host whose connection was found dead by silence is told to the
 * listener of {@link #onSilentHost}.
 */
final class PerHostCredentialsConnectionFactory extends ConnectionFactory {

	static final String DEFAULT_USER = "guest";

	private final List<TransportUrl.Host> hosts;

	private int heartbeatRate = 2;

	private Consumer<TransportUrl.@Nullable Host> silentHosts = (host) -> {
	};

	PerHostCredentialsConnectionFactory(List<TransportUrl.Host> hosts) {
		this.hosts = List.copyOf(hosts);
		setAutomaticRecoveryEnabled(false);
		setUsername(DEFAULT_USER);
		setPassword(DEFAULT_USER);
	}

	/** oslo's {@code heartbeat_rate}: how many heartbeat checks per half heartbeat. */
	void setHeartbeatRate(int heartbeatRate) {
		this.heartbeatRate = heartbeatRate;
	}

	/** What to tell when a connection is found dead by silence: the URL's host it was made to, or null. */
	void onSilentHost(Consumer<TransportUrl.@Nullable Host> silentHosts) {
		this.silentHosts = silentHosts;
	}

	@Override
	public Connection newConnection(@Nullable ExecutorService executor, AddressResolver addressResolver,
			@Nullable String clientProvidedName) throws IOException, TimeoutException {
		Connection connection = super.newConnection(executor, addressResolver, clientProvidedName);
		if (addressResolver instanceof FailoverAddresses failover) {
			failover.connected(hostAt(connection.getAddress(), connection.getPort()));
		}
		return connection;
	}

	@Override
	protected AMQConnection createConnection(ConnectionParams params, FrameHandler frameHandler,
			MetricsCollector metricsCollector) {
		TransportUrl.Host host = hostAt(frameHandler.getAddress(), frameHandler.getPort());
		params.setCredentialsProvider(new DefaultCredentialsProvider(username(host), password(host)));
		Consumer<TransportUrl.@Nullable Host> silentHosts = this.silentHosts;
		return super.createConnection(params, new OsloHeartbeatFrameHandler(frameHandler, getRequestedHeartbeat() == 0,
				this.heartbeatRate, () -> silentHosts.accept(host)), metricsCollector);
	}

	/**
	 * The URL's host that was connected to: the one written with the name the socket was opened
	 * with, else the first whose name resolves to the address; null when none does.
	 */
	TransportUrl.@Nullable Host hostAt(InetAddress address, int port) {
		String connectedName = address.toString().substring(0, address.toString().indexOf('/'));
		for (TransportUrl.Host host : this.hosts) {
			if (host.portOrDefault() == port && (connectedName.isEmpty() ? isLiteral(host.hostnameOrDefault(), address)
					: connectedName.equalsIgnoreCase(host.hostnameOrDefault()))) {
				return host;
			}
		}
		for (TransportUrl.Host host : this.hosts) {
			if (host.portOrDefault() == port && resolvesTo(host.hostnameOrDefault(), address)) {
				return host;
			}
		}
		return null;
	}

	static String username(TransportUrl.@Nullable Host host) {
		return (host != null && host.username() != null) ? host.username() : DEFAULT_USER;
	}

	static String password(TransportUrl.@Nullable Host host) {
		if (host == null || host.username() == null) {
			return DEFAULT_USER;
		}
		return (host.password() != null) ? host.password() : "";
	}

	private static boolean isLiteral(String hostname, InetAddress address) {
		boolean literal = hostname.matches("[0-9.]+") || hostname.contains(":");
		return literal && resolvesTo(hostname, address);
	}

	private static boolean resolvesTo(String hostname, InetAddress address) {
		try {
			for (InetAddress candidate : InetAddress.getAllByName(hostname)) {
				if (candidate.equals(address)) {
					return true;
				}
			}
		}
		catch (UnknownHostException ex) {
			// this host cannot be the one connected to
		}
		return false;
	}

}
