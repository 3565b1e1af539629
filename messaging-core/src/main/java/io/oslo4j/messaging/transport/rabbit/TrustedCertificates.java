package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.oslo4j.messaging.InvalidTransportUrlException;

/**
 * Trust in exactly the CA certificates of a PEM file: oslo's {@code ssl_ca_file}.
 */
final class TrustedCertificates {

	private TrustedCertificates() {
	}

	/**
	 * @param source the transport URL, for errors (without passwords)
	 * @throws InvalidTransportUrlException if the file cannot be read or holds no certificate
	 */
	static TrustManager[] trustManagers(String source, Path caFile) {
		Collection<? extends Certificate> certificates;
		try (InputStream in = Files.newInputStream(caFile)) {
			certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new InvalidTransportUrlException(source, "ssl_ca_file " + caFile + " cannot be read as PEM CA "
					+ "certificates: " + ex.getMessage());
		}
		if (certificates.isEmpty()) {
			throw new InvalidTransportUrlException(source, "ssl_ca_file " + caFile + " holds no certificate");
		}
		try {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			int index = 0;
			for (Certificate certificate : certificates) {
				trusted.setCertificateEntry("ca-" + index++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			return trust.getTrustManagers();
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot trust the certificates of " + caFile, ex);
		}
	}

}
