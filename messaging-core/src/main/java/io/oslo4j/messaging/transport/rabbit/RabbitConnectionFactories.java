package io.oslo4j.messaging.transport.rabbit;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.oslo4j.messaging.TransportUrl;

import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * Builds the Spring AMQP connection factory for a transport URL, as oslo's driver connects: every
 * host of the URL with its own credentials (guest/guest by default), {@code localhost:5672} for
 * {@code rabbit://}, the URL's virtual host ({@code /} by default), the requested heartbeat, the
 * SASL mechanism of {@code rabbit_login_method}, TLS when {@code ssl=true} (see {@link ClientTls}),
 * and the hosts tried in the order of {@code kombu_failover_strategy} (see {@link FailoverAddresses}).
 */
final class RabbitConnectionFactories {

	/**
	 * How long one attempt to connect to a host may take before the next host is tried: kombu's
	 * {@code connect_timeout}, which oslo leaves at 5 s (amqp-client's own is 60 s, which kept a
	 * connection waiting on a partitioned node until the partition healed).
	 */
	static final int CONNECT_TIMEOUT_MILLIS = 5_000;

	private RabbitConnectionFactories() {
	}

	static CachingConnectionFactory create(TransportUrl url, RabbitOptions options) {
		return create(url, options, new Random());
	}

	/** @param random shuffles the hosts, and draws them for {@code kombu_failover_strategy=shuffle} */
	static CachingConnectionFactory create(TransportUrl url, RabbitOptions options, Random random) {
		List<TransportUrl.Host> hosts = url.hosts().isEmpty() ? List.of(new TransportUrl.Host(null, null, null, null))
				: url.hosts();
		PerHostCredentialsConnectionFactory rabbit = new PerHostCredentialsConnectionFactory(hosts);
		rabbit.setVirtualHost((url.virtualHost() != null) ? url.virtualHost() : "/");
		rabbit.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
		rabbit.setRequestedHeartbeat((int) options.heartbeatTimeoutThreshold().toSeconds());
		rabbit.setHeartbeatRate(options.heartbeatRate());
		rabbit.setSaslConfig(LoginMethods.saslConfig(options.loginMethod()));
		if (options.tls().enabled()) {
			ClientTls.apply(rabbit, url.toString(), options.tls());
		}
		CachingConnectionFactory factory = new CachingConnectionFactory(rabbit);
		// oslo shuffles the hosts for each connection it makes: so here, for listening and publishing
		FailoverAddresses listening = new FailoverAddresses(options.failoverStrategy(), hosts, random);
		factory.setAddressResolver(listening);
		if (factory.getPublisherConnectionFactory() instanceof AbstractConnectionFactory publisher) {
			FailoverAddresses publishing = new FailoverAddresses(options.failoverStrategy(), hosts, random);
			publisher.setAddressResolver(publishing);
			// a host that went silent for one connection is tried last by both
			rabbit.onSilentHost((host) -> {
				listening.wentSilent(host);
				publishing.wentSilent(host);
			});
		}
		else {
			rabbit.onSilentHost(listening::wentSilent);
		}
		String connectionName = "oslo4j:" + ProcessHandle.current().pid() + ":" + UUID.randomUUID();
		factory.setConnectionNameStrategy((connectionFactory) -> connectionName);
		return factory;
	}

	/** The URL's hosts as amqp-client addresses, {@code host:port} or {@code [ipv6]:port}, in URL order. */
	static List<String> addresses(List<TransportUrl.Host> hosts) {
		return hosts.stream().map((host) -> {
			String hostname = host.hostnameOrDefault();
			return (hostname.contains(":") ? "[" + hostname + "]" : hostname) + ":" + host.portOrDefault();
		}).toList();
	}

}
