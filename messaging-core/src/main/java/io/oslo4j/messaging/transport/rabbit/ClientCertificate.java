package io.oslo4j.messaging.transport.rabbit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

import io.oslo4j.messaging.InvalidTransportUrlException;

/**
 * The certificate a client shows the broker: oslo's {@code ssl_cert_file} (PEM, the client's
 * certificate first, then any intermediate CA certificates) and {@code ssl_key_file} (its PEM
 * private key; see {@link PemPrivateKeys}). As with Python's {@code load_cert_chain}, without
 * {@code ssl_key_file} the key is read from {@code ssl_cert_file}.
 */
final class ClientCertificate {

	private static final Pattern CERTIFICATE = Pattern
		.compile("-----BEGIN CERTIFICATE-----\\s*(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

	private static final char[] NO_PASSWORD = new char[0];

	private ClientCertificate() {
	}

	/**
	 * @param source the transport URL, for errors (without passwords)
	 * @param keyFile the key's file, or the certificate's
	 * @throws InvalidTransportUrlException naming the option and the file that cannot be read, and why
	 */
	static KeyManager[] keyManagers(String source, Path certFile, Path keyFile) {
		List<Certificate> chain = certificates(source, certFile);
		PrivateKey key;
		try {
			key = PemPrivateKeys.read(Files.readString(keyFile, StandardCharsets.ISO_8859_1));
		}
		catch (IOException | IllegalArgumentException ex) {
			String option = keyFile.equals(certFile) ? "ssl_cert_file" : "ssl_key_file";
			throw new InvalidTransportUrlException(source, option + " " + keyFile + " cannot be read as a PEM private "
					+ "key: " + reason(ex));
		}
		if (!matches(key, chain.get(0).getPublicKey())) {
			throw new InvalidTransportUrlException(source, "ssl_key_file " + keyFile + " is not the private key of "
					+ "the certificate of ssl_cert_file " + certFile + " (the first certificate of the file must be "
					+ "the client's own)");
		}
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(store, NO_PASSWORD);
			return factory.getKeyManagers();
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new InvalidTransportUrlException(source, "ssl_key_file " + keyFile + " is not the private key of "
					+ "the certificate of ssl_cert_file " + certFile + ": " + ex.getMessage());
		}
	}

	private static List<Certificate> certificates(String source, Path certFile) {
		List<Certificate> chain = new ArrayList<>();
		try {
			Matcher block = CERTIFICATE.matcher(Files.readString(certFile, StandardCharsets.ISO_8859_1));
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			while (block.find()) {
				byte[] der = Base64.getMimeDecoder().decode(block.group(1));
				chain.add(factory.generateCertificate(new ByteArrayInputStream(der)));
			}
		}
		catch (IOException | GeneralSecurityException | IllegalArgumentException ex) {
			throw new InvalidTransportUrlException(source, "ssl_cert_file " + certFile + " cannot be read as PEM "
					+ "certificates: " + reason(ex));
		}
		if (chain.isEmpty()) {
			throw new InvalidTransportUrlException(source, "ssl_cert_file " + certFile
					+ " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
		}
		return chain;
	}

	/**
	 * Whether the key signs what the certificate's public key verifies, as Python's
	 * {@code load_cert_chain} checks it ({@code key values mismatch}); true for an algorithm this
	 * cannot check, which the handshake then tests.
	 */
	private static boolean matches(PrivateKey key, PublicKey certified) {
		String algorithm = switch (key.getAlgorithm()) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "DSA" -> "SHA256withDSA";
			case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
			default -> null;
		};
		if (algorithm == null) {
			return true;
		}
		try {
			byte[] probe = "oslo4j".getBytes(StandardCharsets.US_ASCII);
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(probe);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(certified);
			verifier.update(probe);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static String reason(Exception ex) {
		if (ex instanceof java.nio.file.NoSuchFileException) {
			return "no such file";
		}
		if (ex instanceof java.nio.file.AccessDeniedException) {
			return "permission denied";
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
	}

}
