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
 * are written as PEM files, the server's key as PKCS#8, as RabbitMQ reads them.
 *
 * @param caCertificate the test CA's certificate, to trust
 * @param rogueCaCertificate another CA's certificate, which did not sign the server's
 * @param server the server's certificate and key, signed by the test CA, for {@code localhost}
 */
public record TestCertificates(Path caCertificate, Path rogueCaCertificate, ThrowawayBroker.TlsFiles server) {

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
			return new TestCertificates(caPem, roguePem, new ThrowawayBroker.TlsFiles(caPem, serverPem, keyPem));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
