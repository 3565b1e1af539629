package io.oslo4j.messaging.transport.rabbit;

import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.SSLContext;

import io.oslo4j.messaging.InvalidTransportUrlException;
import io.oslo4j.messaging.TransportUrl;

import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory.AddressShuffleMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * Builds the Spring AMQP connection factory for a transport URL, as oslo's driver connects: every
 * host of the URL with its own credentials (guest/guest by default), {@code localhost:5672} for
 * {@code rabbit://}, the URL's virtual host ({@code /} by default), the requested heartbeat, TLS
 * when {@code ssl=true}. The host list is shuffled once, then tried in turn on failover.
 *
 * <p>TLS always verifies the broker's certificate and host name (stricter than oslo, which checks
 * neither without {@code ssl_ca_file}): against the CA certificates of {@code ssl_ca_file} (a PEM
 * file, as oslo reads it) when it is set, else against the JVM's trust store.
 */
final class RabbitConnectionFactories {

	private RabbitConnectionFactories() {
	}

	static CachingConnectionFactory create(TransportUrl url, RabbitOptions options) {
		List<TransportUrl.Host> hosts = url.hosts().isEmpty() ? List.of(new TransportUrl.Host(null, null, null, null))
				: url.hosts();
		PerHostCredentialsConnectionFactory rabbit = new PerHostCredentialsConnectionFactory(hosts);
		rabbit.setVirtualHost((url.virtualHost() != null) ? url.virtualHost() : "/");
		rabbit.setRequestedHeartbeat((int) options.heartbeatTimeoutThreshold().toSeconds());
		if (options.ssl()) {
			String caFile = options.sslCaFile();
			rabbit.useSslProtocol(!caFile.isEmpty() ? TrustedCertificates.sslContext(url.toString(), Path.of(caFile))
					: defaultSslContext(url));
			if (options.sslHostnameVerification()) {
				rabbit.enableHostnameVerification();
			}
		}
		CachingConnectionFactory factory = new CachingConnectionFactory(rabbit);
		List<String> addresses = new ArrayList<>(addresses(hosts));
		Collections.shuffle(addresses);
		factory.setAddresses(String.join(",", addresses));
		factory.setAddressShuffleMode(AddressShuffleMode.INORDER);
		String connectionName = "oslo4j:" + ProcessHandle.current().pid() + ":" + UUID.randomUUID();
		factory.setConnectionNameStrategy((connectionFactory) -> connectionName);
		return factory;
	}

	private static SSLContext defaultSslContext(TransportUrl url) {
		try {
			return SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new InvalidTransportUrlException(url.toString(), "ssl=true, but the JVM has no default TLS context");
		}
	}

	/** The URL's hosts as amqp-client addresses, {@code host:port} or {@code [ipv6]:port}, in URL order. */
	static List<String> addresses(List<TransportUrl.Host> hosts) {
		return hosts.stream().map((host) -> {
			String hostname = host.hostnameOrDefault();
			return (hostname.contains(":") ? "[" + hostname + "]" : hostname) + ":" + host.portOrDefault();
		}).toList();
	}

}
