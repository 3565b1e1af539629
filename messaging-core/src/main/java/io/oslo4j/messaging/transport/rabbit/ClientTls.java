package io.oslo4j.messaging.transport.rabbit;

import java.nio.file.Path;
import java.security.GeneralSecurityException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import com.rabbitmq.client.ConnectionFactory;
import io.oslo4j.messaging.InvalidTransportUrlException;

import org.jspecify.annotations.Nullable;

/**
 * TLS as oslo's {@code ssl*} options ask for it: the broker's certificate checked against the CA
 * certificates of {@code ssl_ca_file} (else the JVM's trust store: stricter than oslo, which checks
 * nothing without {@code ssl_ca_file}), its host name checked unless
 * {@code ssl_enforce_hostname_verification=false}, the client certificate of
 * {@code ssl_cert_file}/{@code ssl_key_file} shown when the broker asks for one, and the protocol
 * pinned to {@code ssl_version} when it names one.
 */
final class ClientTls {

	private ClientTls() {
	}

	/**
	 * @param source the transport URL, for errors (without passwords)
	 * @throws InvalidTransportUrlException when a file cannot be read
	 */
	static void apply(ConnectionFactory rabbit, String source, RabbitTlsOptions options) {
		TrustManager @Nullable [] trust = options.caFile().isEmpty() ? null
				: TrustedCertificates.trustManagers(source, Path.of(options.caFile()));
		KeyManager @Nullable [] keys = null;
		if (!options.certFile().isEmpty()) {
			Path certFile = Path.of(options.certFile());
			Path keyFile = options.keyFile().isEmpty() ? certFile : Path.of(options.keyFile());
			keys = ClientCertificate.keyManagers(source, certFile, keyFile);
		}
		rabbit.useSslProtocol(context(source, keys, trust));
		String protocol = TlsVersions.protocol(options.version());
		if (protocol != null) {
			String[] pinned = { protocol };
			rabbit.setSocketConfigurator(rabbit.getSocketConfigurator().andThen((socket) -> {
				if (socket instanceof SSLSocket tls) {
					tls.setEnabledProtocols(pinned);
				}
			}));
		}
		if (options.hostnameVerification()) {
			rabbit.enableHostnameVerification();
		}
	}

	private static SSLContext context(String source, KeyManager @Nullable [] keys, TrustManager @Nullable [] trust) {
		try {
			if (keys == null && trust == null) {
				return SSLContext.getDefault();
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys, trust, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidTransportUrlException(source, "ssl=true, but the JVM cannot make a TLS context: "
					+ ex.getMessage());
		}
	}

}
