package io.oslo4j.messaging.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for TLS tests, made with the JDK's {@code keytool} (no other tool needed): a test
 * CA, a server certificate it signs for {@code localhost} only (no IP address, so that
 * {@code 127.0.0.1} is the wrong host name), and a second, rogue CA that nobody should trust. All
 * are written as PEM files, the server's key as PKCS#8, as RabbitMQ reads them; and a client
 * certificate the test CA signs for {@code CN=oslo4j-client}, with its key as PKCS#8 and as PKCS#1.
 *
 * @param caCertificate the test CA's certificate, to trust
 * @param rogueCaCertificate another CA's certificate, which did not sign the server's
 * @param server the server's certificate and key, signed by the test CA, for {@code localhost}
 * @param client a client certificate and its key, signed by the test CA
 */
public record TestCertificates(Path caCertificate, Path rogueCaCertificate, ThrowawayBroker.TlsFiles server,
		ClientFiles client) {

	/** The common name of the client certificate: the user RabbitMQ sees with EXTERNAL. */
	public static final String CLIENT_NAME = "oslo4j-client";

	/**
	 * A client's PEM files.
	 * @param certificate its certificate
	 * @param key its private key as PKCS#8 ({@code BEGIN PRIVATE KEY})
	 * @param rsaKey the same key as PKCS#1 ({@code BEGIN RSA PRIVATE KEY})
	 * @param combined the certificate and the PKCS#8 key in one file
	 */
	public record ClientFiles(Path certificate, Path key, Path rsaKey, Path combined) {
	}

	private static final String PASSWORD = "changeit";

	/** Makes the certificates in a folder. */
	public static TestCertificates create(Path directory) {
		try {
			Files.createDirectories(directory);
			Path ca = directory.resolve("ca.p12");
			Path rogue = directory.resolve("rogue.p12");
			Path server = directory.resolve("server.p12");
			keytool(directory, "-genkeypair", "-keystore", ca.toString(), "-alias", "ca", "-dname", "CN=oslo4j test CA",
					"-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign");
			keytool(directory, "-genkeypair", "-keystore", rogue.toString(), "-alias", "ca", "-dname",
					"CN=oslo4j rogue CA", "-ext", "bc:c");
			keytool(directory, "-genkeypair", "-keystore", server.toString(), "-alias", "server", "-dname", "CN=localhost");
			Path request = directory.resolve("server.csr");
			keytool(directory, "-certreq", "-keystore", server.toString(), "-alias", "server", "-file", request.toString());
			Path serverPem = directory.resolve("server.pem");
			keytool(directory, "-gencert", "-keystore", ca.toString(), "-alias", "ca", "-infile", request.toString(),
					"-outfile", serverPem.toString(), "-rfc", "-ext", "san=dns:localhost", "-ext",
					"eku=serverAuth", "-ext", "ku:c=digitalSignature,keyEncipherment");
			Path caPem = directory.resolve("ca.pem");
			keytool(directory, "-exportcert", "-keystore", ca.toString(), "-alias", "ca", "-rfc", "-file",
					caPem.toString());
			Path roguePem = directory.resolve("rogue-ca.pem");
			keytool(directory, "-exportcert", "-keystore", rogue.toString(), "-alias", "ca", "-rfc", "-file",
					roguePem.toString());
			Path keyPem = directory.resolve("server.key");
			Files.writeString(keyPem, pem("PRIVATE KEY", privateKey(server, "server").getEncoded()));
			return new TestCertificates(caPem, roguePem, new ThrowawayBroker.TlsFiles(caPem, serverPem, keyPem),
					client(directory, ca));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ClientFiles client(Path directory, Path ca) throws IOException {
		Path client = directory.resolve("client.p12");
		keytool(directory, "-genkeypair", "-keystore", client.toString(), "-alias", "client", "-dname",
				"CN=" + CLIENT_NAME);
		Path request = directory.resolve("client.csr");
		keytool(directory, "-certreq", "-keystore", client.toString(), "-alias", "client", "-file", request.toString());
		Path certificate = directory.resolve("client.pem");
		keytool(directory, "-gencert", "-keystore", ca.toString(), "-alias", "ca", "-infile", request.toString(),
				"-outfile", certificate.toString(), "-rfc", "-ext", "eku=clientAuth", "-ext",
				"ku:c=digitalSignature,keyEncipherment");
		byte[] pkcs8 = privateKey(client, "client").getEncoded();
		Path key = directory.resolve("client.key");
		Files.writeString(key, pem("PRIVATE KEY", pkcs8));
		Path rsaKey = directory.resolve("client-rsa.key");
		Files.writeString(rsaKey, pem("RSA PRIVATE KEY", pkcs1(pkcs8)));
		Path combined = directory.resolve("client-combined.pem");
		Files.writeString(combined, Files.readString(certificate) + Files.readString(key));
		return new ClientFiles(certificate, key, rsaKey, combined);
	}

	/**
	 * The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo of an RSA key: the contents of its
	 * OCTET STRING, after the version (3 bytes) and the rsaEncryption AlgorithmIdentifier (15 bytes).
	 */
	private static byte[] pkcs1(byte[] pkcs8) {
		int offset = 1 + lengthOfLength(pkcs8, 1) + 3 + 15;
		int contentOffset = offset + 1 + lengthOfLength(pkcs8, offset + 1);
		return java.util.Arrays.copyOfRange(pkcs8, contentOffset, pkcs8.length);
	}

	/** How many bytes the DER length at this index takes. */
	private static int lengthOfLength(byte[] der, int index) {
		int first = der[index] & 0xff;
		return (first < 0x80) ? 1 : 1 + (first & 0x7f);
	}

	private static Key privateKey(Path keystore, String alias) throws IOException {
		try (InputStream in = Files.newInputStream(keystore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, PASSWORD.toCharArray());
			return store.getKey(alias, PASSWORD.toCharArray());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot read the key of " + keystore, ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(der) + "\n-----END " + type + "-----\n";
	}

	private static void keytool(Path directory, String... arguments) throws IOException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		List<String> command = new ArrayList<>(List.of(keytool.toString()));
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
		if (!arguments[0].equals("-exportcert")) {
			command.addAll(List.of("-keypass", PASSWORD));
		}
		if (arguments[0].equals("-genkeypair")) {
			command.addAll(List.of("-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-startdate", "-1d"));
		}
		if (arguments[0].equals("-gencert")) {
			command.addAll(List.of("-validity", "2", "-startdate", "-1d"));
		}
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
