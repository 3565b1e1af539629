package io.oslo4j.messaging.transport.rabbit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.oslo4j.messaging.options.InvalidOptionException;

import org.jspecify.annotations.Nullable;

/**
 * oslo's {@code ssl_version} as Java protocol names. oslo reads the name in any case and maps it to
 * one of Python's {@code ssl.PROTOCOL_*}: {@code TLSv1}, {@code TLSv1_1} and {@code TLSv1_2} each
 * pin that one version, {@code SSLv23} negotiates the best version both sides have, as an empty
 * value does. Java also takes {@code TLSv1_3}, which Python has no constant for (oslo refuses it
 * with {@code Invalid SSL version}). SSLv2 and SSLv3 are refused: neither Java nor the Python of
 * today's OpenStack offers them.
 */
final class TlsVersions {

	private static final Map<String, String> PINNED = Map.of("tlsv1", "TLSv1", "tlsv1_1", "TLSv1.1", "tlsv1_2",
			"TLSv1.2", "tlsv1_3", "TLSv1.3");

	private static final List<String> NEGOTIATE = List.of("", "sslv23");

	private static final String ACCEPTED = "TLSv1, TLSv1_1, TLSv1_2, TLSv1_3, or SSLv23 (or nothing) to negotiate";

	private TlsVersions() {
	}

	/**
	 * The one protocol to enable, or {@code null} to negotiate among the JVM's enabled protocols.
	 * @throws InvalidOptionException for a name oslo does not know, or a version the JVM disables
	 */
	static @Nullable String protocol(String sslVersion) {
		String key = sslVersion.toLowerCase(Locale.ROOT);
		if (NEGOTIATE.contains(key)) {
			return null;
		}
		String protocol = PINNED.get(key);
		if (protocol == null) {
			String reason = key.startsWith("sslv") ? sslVersion + " is broken and offered neither by Java nor by "
					+ "the Python of today's OpenStack" : "not a TLS version oslo knows";
			throw invalid(sslVersion, reason + "; expected " + ACCEPTED + " (in any case, as oslo reads it)");
		}
		if (!enabledByDefault(protocol)) {
			throw invalid(sslVersion, "this JVM disables " + protocol + " (jdk.tls.disabledAlgorithms in its "
					+ "java.security); use TLSv1_2, TLSv1_3 or SSLv23, or enable " + protocol + " there");
		}
		return protocol;
	}

	private static boolean enabledByDefault(String protocol) {
		try {
			return Arrays.asList(SSLContext.getDefault().getDefaultSSLParameters().getProtocols()).contains(protocol);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			return false;
		}
	}

	private static InvalidOptionException invalid(String value, String reason) {
		return new InvalidOptionException("ssl_version", "option 'ssl_version=" + value + "': " + reason);
	}

}
