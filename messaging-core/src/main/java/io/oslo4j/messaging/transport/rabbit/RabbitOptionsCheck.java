package io.oslo4j.messaging.transport.rabbit;

import io.oslo4j.messaging.options.InvalidOptionException;
import io.oslo4j.messaging.options.OsloOptions;
import io.oslo4j.messaging.wire.Compression;

/** What oslo refuses of {@link RabbitOptions}, with oslo's reasons: unknown names, contradicting values. */
final class RabbitOptionsCheck {

	private RabbitOptionsCheck() {
	}

	/**
	 * Checks the combinations oslo refuses.
	 * @throws InvalidOptionException naming the options
	 */
	static void check(RabbitOptions options) {
		if (options.haQueues() && options.quorumQueue()) {
			throw new InvalidOptionException("rabbit_quorum_queue", "rabbit_quorum_queue and rabbit_ha_queues are "
					+ "both enabled: a queue is either quorum or mirrored (HA), not both; disable one of them");
		}
		if (options.streamFanout() && options.qosPrefetchCount() <= 0) {
			throw new InvalidOptionException("rabbit_stream_fanout", "rabbit_stream_fanout needs "
					+ "rabbit_qos_prefetch_count to be set to a value greater than 0 (a stream is consumed with "
					+ "a prefetch limit only)");
		}
		if (options.streamFanout() && !options.transientQuorumQueue()) {
			throw new InvalidOptionException("rabbit_stream_fanout",
					"rabbit_stream_fanout needs rabbit_transient_quorum_queue to be set to true");
		}
		int minSize = options.integer("conn_pool_min_size");
		if (options.publisherChannels() < minSize) {
			throw new InvalidOptionException("rpc_conn_pool_size", "rpc_conn_pool_size: " + options.publisherChannels()
					+ " must be greater than or equal to conn_pool_min_size: " + minSize);
		}
		if ("RABBIT-CR-DEMO".equals(options.loginMethod())) {
			throw new InvalidOptionException("rabbit_login_method", "option 'rabbit_login_method=RABBIT-CR-DEMO': "
					+ "RabbitMQ's demonstration mechanism, with which oslo's own client (py-amqp) cannot log in "
					+ "either ('Invalid login method'); use AMQPLAIN, PLAIN or EXTERNAL");
		}
		checkTls(options.tls(), options.loginMethod());
		String compression = options.compression();
		if (compression != null) {
			try {
				Compression.contentType(compression);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidOptionException("kombu_compression", "option 'kombu_compression=" + compression
						+ "': " + ex.getMessage());
			}
		}
	}

	private static void checkTls(RabbitTlsOptions tls, String loginMethod) {
		if (!tls.enabled() && (!tls.caFile().isEmpty() || !tls.certFile().isEmpty() || !tls.keyFile().isEmpty())) {
			throw new InvalidOptionException("ssl", "ssl_ca_file, ssl_cert_file or ssl_key_file is set but TLS is "
					+ "not: add ssl=true, or remove them");
		}
		if (tls.certFile().isEmpty() && !tls.keyFile().isEmpty()) {
			throw new InvalidOptionException("ssl_key_file", "ssl_key_file is set without ssl_cert_file: set "
					+ "ssl_cert_file to the client certificate of that key, or remove ssl_key_file");
		}
		TlsVersions.protocol(tls.version());
		if ("EXTERNAL".equals(loginMethod) && tls.certFile().isEmpty()) {
			throw new InvalidOptionException("rabbit_login_method", "option 'rabbit_login_method=EXTERNAL': the "
					+ "broker authenticates the client by its certificate: set ssl=true, ssl_cert_file and "
					+ "ssl_key_file (unless ssl_cert_file holds the key too)");
		}
	}

	/** The error for a name that is no option of {@code [oslo_messaging_rabbit]}, saying where it belongs. */
	static InvalidOptionException notRabbit(String name) {
		String where = OsloOptions.find(name)
			.map((option) -> "; it belongs to " + option.qualifiedName()
					+ ", which oslo reads from its configuration, not from a transport URL: set it as a "
					+ "messaging.* property or in the oslo configuration file")
			.orElse("; the rabbit driver knows the options of [oslo_messaging_rabbit] and control_exchange");
		return new InvalidOptionException(name, "unknown option '" + name + "'" + where);
	}

}
