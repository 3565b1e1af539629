package io.oslo4j.messaging.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.Figures;
import io.oslo4j.messaging.testsupport.TestCertificates;
import io.oslo4j.messaging.testsupport.ThrowawayBroker;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TLS to a broker, with certificates the test makes: {@code ssl=true} with {@code ssl_ca_file}
 * carries calls over TLS; a broker whose certificate no trusted CA signed, or whose certificate
 * names another host, is refused with an error that says so. On a node of the test's own, whose
 * TLS listener serves a certificate for {@code localhost} signed by the test's CA.
 */
class TlsTests {

	private static Path directory;

	private static TestCertificates certificates;

	private static ThrowawayBroker broker;

	@BeforeAll
	static void startBroker() throws Exception {
		directory = Files.createTempDirectory("oslo4j-tls-");
		certificates = TestCertificates.create(directory);
		broker = ThrowawayBroker.builder("tls").tls(certificates.server()).start();
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
	void callsTravelOverTlsToABrokerSignedByTheCaOfSslCaFile() {
		String url = broker.tlsUrl("localhost", Map.of("ssl", "true", "ssl_ca_file", certificates.caCertificate().toString()));
		String topic = "tls-" + MessageIds.newHexId().substring(0, 10);
		long start = System.nanoTime();
		try (Transport transport = Transport.open(url)) {
			RpcServer server = RpcServer.builder(transport, Target.topic(topic).withServer("s1"))
				.endpoint(new SlowService((seq) -> { }))
				.executor(ExecutorKind.EVENTLET)
				.build();
			server.start();
			RpcClient client = RpcClient.create(transport, Target.topic(topic)).withTimeout(Duration.ofSeconds(10));
			assertThat(client.call(RequestContext.empty(), "slow", Map.of("seq", 7, "millis", 0), Integer.class)).isEqualTo(7);
			Figures.record("TLS", "first call over TLS (connect, handshake, declare, call) in",
					Duration.ofNanos(System.nanoTime() - start));
			assertThat(broker.ctl("-q", "--no-table-headers", "list_connections", "ssl", "ssl_protocol").trim().split("\n"))
				.isNotEmpty()
				.allSatisfy((line) -> assertThat(line).startsWith("true\ttlsv1."));
			server.shutdown(Duration.ofSeconds(10));
		}
	}

	@Test
	void aBrokerCertificateNoTrustedCaSignedIsRefused() {
		String url = broker.tlsUrl("localhost",
				Map.of("ssl", "true", "ssl_ca_file", certificates.rogueCaCertificate().toString()));
		assertThat(refusal(url)).contains("TLS handshake with the broker failed: its certificate is not trusted");
	}

	@Test
	void withoutSslCaFileTheJvmTrustStoreDecidesAndDoesNotTrustTheTestCa() {
		assertThat(refusal(broker.tlsUrl("localhost", Map.of("ssl", "true"))))
			.contains("TLS handshake with the broker failed: its certificate is not trusted");
	}

	@Test
	void aBrokerCertificateForAnotherHostNameIsRefused() {
		String url = broker.tlsUrl("127.0.0.1", Map.of("ssl", "true", "ssl_ca_file", certificates.caCertificate().toString()));
		assertThat(refusal(url)).contains("TLS handshake with the broker failed: its certificate is not for the host name "
				+ "the URL gives: No subject alternative names matching IP address 127.0.0.1 found");
	}

	/** Starts a server on the URL, which must fail; returns the error's message. */
	private static String refusal(String url) {
		try (Transport transport = Transport.open(url)) {
			RpcServer server = RpcServer.builder(transport, Target.topic("tls-refused").withServer("s1"))
				.endpoint(new SlowService((seq) -> { }))
				.build();
			String message = assertThatExceptionOfType(MessagingException.class).isThrownBy(server::start)
				.actual()
				.getMessage();
			assertThat(server.isRunning()).as("a server that could not start").isFalse();
			Figures.record("TLS", "refused with", message);
			return message;
		}
	}

}
