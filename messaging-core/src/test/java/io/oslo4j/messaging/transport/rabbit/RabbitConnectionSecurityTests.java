package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.oslo4j.messaging.InvalidTransportUrlException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.TestCertificates;
import io.oslo4j.messaging.testsupport.ThrowawayBroker;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a connection logs in and encrypts, as oslo's {@code rabbit_login_method} and {@code ssl*}
 * options say, seen from the broker ({@code rabbitmqctl list_connections}). On a node of the test's
 * own that offers PLAIN, AMQPLAIN and EXTERNAL ({@code rabbitmq_auth_mechanism_ssl}, the user taken
 * from the certificate's common name) and whose TLS listener requires a client certificate signed
 * by the test CA ({@code verify_peer}, {@code fail_if_no_peer_cert}).
 */
class RabbitConnectionSecurityTests {

	private static Path directory;

	private static TestCertificates certificates;

	private static ThrowawayBroker broker;

	@BeforeAll
	static void startBroker() throws IOException {
		directory = Files.createTempDirectory("oslo4j-login-");
		certificates = TestCertificates.create(directory);
		broker = ThrowawayBroker.builder("login")
			.tls(certificates.server())
			.requireClientCertificates()
			.plugin("rabbitmq_auth_mechanism_ssl")
			.config("auth_mechanisms.1 = PLAIN")
			.config("auth_mechanisms.2 = AMQPLAIN")
			.config("auth_mechanisms.3 = EXTERNAL")
			.config("ssl_cert_login_from = common_name")
			.start();
		broker.ctl("add_user", TestCertificates.CLIENT_NAME, MessageIds.newHexId());
		broker.ctl("set_permissions", "-p", "/", TestCertificates.CLIENT_NAME, ".*", ".*", ".*");
	}

	@AfterAll
	static void stopBroker() throws IOException {
		if (broker != null) {
			broker.close();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	@Test
	void byDefaultAConnectionLogsInWithAmqplainAsOslosDoes() {
		assertThat(connected(broker.url(Map.of()))).containsEntry("auth_mechanism", "AMQPLAIN")
			.containsEntry("user", "guest");
	}

	@Test
	void plainLogsInWithPlain() {
		assertThat(connected(broker.url(Map.of("rabbit_login_method", "PLAIN"))))
			.containsEntry("auth_mechanism", "PLAIN")
			.containsEntry("user", "guest");
	}

	@Test
	void amqplainSendsTheUrlsCredentialsSoAWrongPasswordIsRefused() {
		String url = "rabbit://guest:wrong@localhost:" + broker.port() + "/";
		assertThatExceptionOfType(AmqpException.class).isThrownBy(() -> connected(url))
			.withMessageNotContaining("wrong");
	}

	@Test
	void externalLogsInAsTheClientCertificatesCommonNameWithoutAPassword() {
		Map<String, String> options = tls(certificates.client().certificate(), certificates.client().key());
		options.put("rabbit_login_method", "EXTERNAL");
		String url = "rabbit://localhost:" + broker.tlsPort() + "/?" + query(options);

		assertThat(connected(url)).containsEntry("auth_mechanism", "EXTERNAL")
			.containsEntry("user", TestCertificates.CLIENT_NAME)
			.containsEntry("ssl", "true");
	}

	@Test
	void aMechanismTheBrokerDoesNotOfferFailsSayingWhatToConfigure() {
		// RabbitMQ offers EXTERNAL only to a TLS client with a certificate: not on the plain port
		TransportUrl url = TransportUrl.parse(broker.url(Map.of()));
		CachingConnectionFactory factory = RabbitConnectionFactories.create(url, RabbitOptions.fromUrl(url));
		factory.getRabbitConnectionFactory().setSaslConfig(LoginMethods.saslConfig("EXTERNAL"));
		try {
			assertThatExceptionOfType(AmqpException.class).isThrownBy(factory::createConnection)
				.satisfies((error) -> assertThat(BrokerErrors.describe(error))
					.contains("No compatible authentication mechanism found - server offered [")
					.contains("the broker does not offer the SASL mechanism of rabbit_login_method"));
		}
		finally {
			factory.destroy();
		}
	}

	@Test
	void rpcWorksOverTlsWithAClientCertificateAndExternalLogin() {
		Map<String, String> options = tls(certificates.client().certificate(), certificates.client().key());
		options.put("rabbit_login_method", "EXTERNAL");
		String topic = "external-" + MessageIds.newHexId().substring(0, 10);
		try (Transport transport = Transport.open("rabbit://localhost:" + broker.tlsPort() + "/?" + query(options))) {
			RpcServer server = RpcServer.builder(transport, Target.topic(topic).withServer("s1"))
				.endpoint(new Echo())
				.build();
			server.start();
			RpcClient client = RpcClient.create(transport, Target.topic(topic)).withTimeout(Duration.ofSeconds(10));
			assertThat(client.call(RequestContext.empty(), "echo", Map.of("value", "hi"), String.class)).isEqualTo("hi");
			server.shutdown(Duration.ofSeconds(10));
		}
	}

	@Test
	void aClientCertificateIsShownWithAPkcs8Key() {
		assertThat(connected(tlsUrl(certificates.client().certificate(), certificates.client().key())))
			.containsEntry("ssl", "true")
			.containsEntry("peer_cert_subject", "CN=" + TestCertificates.CLIENT_NAME);
	}

	@Test
	void aClientCertificateIsShownWithAPkcs1RsaKey() {
		assertThat(connected(tlsUrl(certificates.client().certificate(), certificates.client().rsaKey())))
			.containsEntry("peer_cert_subject", "CN=" + TestCertificates.CLIENT_NAME);
	}

	@Test
	void withoutSslKeyFileTheKeyIsReadFromSslCertFile() {
		Map<String, String> options = tls(certificates.client().combined(), null);
		assertThat(connected("rabbit://guest:guest@localhost:" + broker.tlsPort() + "/?" + query(options)))
			.containsEntry("peer_cert_subject", "CN=" + TestCertificates.CLIENT_NAME);
	}

	@Test
	void aBrokerThatRequiresAClientCertificateRefusesAClientWithout() {
		Map<String, String> options = tls(null, null);
		String url = "rabbit://guest:guest@localhost:" + broker.tlsPort() + "/?" + query(options);
		// under TLS 1.3 the broker's alert comes after the client's handshake: read, or lost to the reset
		assertThatExceptionOfType(AmqpException.class).isThrownBy(() -> connected(url))
			.satisfies((error) -> assertThat(BrokerErrors.describe(error)).satisfiesAnyOf(
					(text) -> assertThat(text).isEqualTo("TLS handshake with the broker failed: it requires a client "
							+ "certificate (Received fatal alert: certificate_required): set ssl_cert_file and "
							+ "ssl_key_file"),
					(text) -> assertThat(text).contains("Connection reset")));
	}

	@Test
	void aClientCertificateTheBrokerDoesNotTrustIsRefused() throws IOException {
		TestCertificates others = TestCertificates.create(directory.resolve("others"));
		String url = tlsUrl(others.client().certificate(), others.client().key());
		// under TLS 1.3 the broker's alert is not seen: the client reads "Connection reset by peer"
		assertThatExceptionOfType(AmqpException.class).isThrownBy(() -> connected(url));
	}

	@Test
	void withoutHostnameVerificationTheChainIsStillChecked() {
		Map<String, String> options = tls(certificates.client().certificate(), certificates.client().key());
		options.put("ssl_ca_file", certificates.rogueCaCertificate().toString());
		options.put("ssl_enforce_hostname_verification", "false");
		assertThatExceptionOfType(AmqpException.class)
			.isThrownBy(() -> connected("rabbit://guest:guest@127.0.0.1:" + broker.tlsPort() + "/?" + query(options)))
			.satisfies((error) -> assertThat(BrokerErrors.describe(error)).contains("its certificate is not trusted"));
	}

	@Test
	void anUnreadableKeyFileFailsNamingTheOptionAndTheFile() {
		Path missing = directory.resolve("missing.key");
		assertThatExceptionOfType(InvalidTransportUrlException.class)
			.isThrownBy(() -> connected(tlsUrl(certificates.client().certificate(), missing)))
			.withMessageContaining("ssl_key_file " + missing + " cannot be read as a PEM private key: no such file");
		assertThatExceptionOfType(InvalidTransportUrlException.class)
			.isThrownBy(() -> connected(tlsUrl(certificates.client().certificate(), certificates.caCertificate())))
			.withMessageContaining("holds no PEM private key");
	}

	@Test
	void aKeyThatIsNotTheCertificatesFailsNamingBothFiles() {
		assertThatExceptionOfType(InvalidTransportUrlException.class)
			.isThrownBy(() -> connected(tlsUrl(certificates.client().certificate(), certificates.server().privateKey())))
			.withMessageContaining("is not the private key of the certificate of ssl_cert_file");
	}

	@Test
	void sslVersionPinsTheProtocol() {
		Map<String, String> options = tls(certificates.client().certificate(), certificates.client().key());
		options.put("ssl_version", "TLSv1_2");
		assertThat(connected("rabbit://guest:guest@localhost:" + broker.tlsPort() + "/?" + query(options)))
			.containsEntry("ssl_protocol", "tlsv1.2");
		options.put("ssl_version", "tlsv1_3");
		assertThat(connected("rabbit://guest:guest@localhost:" + broker.tlsPort() + "/?" + query(options)))
			.containsEntry("ssl_protocol", "tlsv1.3");
		options.put("ssl_version", "SSLv23");
		assertThat(connected("rabbit://guest:guest@localhost:" + broker.tlsPort() + "/?" + query(options)))
			.containsEntry("ssl_protocol", "tlsv1.3");
	}

	@Test
	void aDisabledProtocolFailsAtStartUpSayingWhatToUse() {
		assertThatExceptionOfType(InvalidTransportUrlException.class)
			.isThrownBy(() -> RabbitOptions.fromQuery("test", Map.of("ssl", "true", "ssl_version", "TLSv1")))
			.withMessageContaining("option 'ssl_version=TLSv1': this JVM disables TLSv1")
			.withMessageContaining("use TLSv1_2, TLSv1_3 or SSLv23");
	}

	@Test
	void hostnameVerificationRefusesACertificateForAnotherHostUnlessDisabled() {
		Map<String, String> options = tls(certificates.client().certificate(), certificates.client().key());
		String wrongHost = "rabbit://guest:guest@127.0.0.1:" + broker.tlsPort() + "/?";
		assertThatExceptionOfType(AmqpException.class).isThrownBy(() -> connected(wrongHost + query(options)))
			.withStackTraceContaining("No subject alternative names matching IP address 127.0.0.1");
		options.put("ssl_enforce_hostname_verification", "false");
		assertThat(connected(wrongHost + query(options))).containsEntry("ssl", "true");
	}

	private static String tlsUrl(Path certificate, Path key) {
		return "rabbit://guest:guest@localhost:" + broker.tlsPort() + "/?" + query(tls(certificate, key));
	}

	private static Map<String, String> tls(Path certificate, Path key) {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("ssl", "true");
		options.put("ssl_ca_file", certificates.caCertificate().toString());
		if (certificate != null) {
			options.put("ssl_cert_file", certificate.toString());
		}
		if (key != null) {
			options.put("ssl_key_file", key.toString());
		}
		return options;
	}

	private static String query(Map<String, String> options) {
		return String.join("&", options.entrySet().stream().map((option) -> option.getKey() + "=" + option.getValue())
			.toList());
	}

	/**
	 * Connects with the URL as the driver would, and returns what the broker lists about that
	 * connection: auth_mechanism, user, timeout, ssl, ssl_protocol, peer_cert_subject.
	 */
	private static Map<String, String> connected(String url) {
		TransportUrl parsed = TransportUrl.parse(url);
		CachingConnectionFactory factory = RabbitConnectionFactories.create(parsed, RabbitOptions.fromUrl(parsed));
		factory.setConnectionTimeout(5000);
		try {
			Connection connection = factory.createConnection();
			// the broker names a connection by its addresses: "127.0.0.1:<client port> -> 127.0.0.1:<port>"
			String name = "127.0.0.1:" + connection.getLocalPort() + " ";
			List<String> columns = List.of("name", "auth_mechanism", "user", "timeout", "ssl",
					"ssl_protocol", "peer_cert_subject");
			for (String line : broker.ctl(Stream.concat(Stream.of("-q", "--no-table-headers", "list_connections"),
					columns.stream()).toArray(String[]::new)).split("\n")) {
				List<String> values = Arrays.asList(line.split("\t", -1));
				if (values.get(0).startsWith(name)) {
					Map<String, String> row = new LinkedHashMap<>();
					for (int i = 1; i < columns.size(); i++) {
						row.put(columns.get(i), values.get(i));
					}
					return row;
				}
			}
			throw new AssertionError("the broker lists no connection " + name);
		}
		finally {
			factory.destroy();
		}
	}

	/** Answers {@code echo(value)}. */
	public static final class Echo {

		public String echo(RequestContext context, String value) {
			return value;
		}

	}

}
