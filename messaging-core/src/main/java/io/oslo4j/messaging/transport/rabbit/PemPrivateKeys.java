package io.oslo4j.messaging.transport.rabbit;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the private key of a PEM text as Python's {@code ssl} module reads {@code ssl_key_file}:
 * PKCS#8 ({@code BEGIN PRIVATE KEY}, what OpenSSL 3 writes) of any algorithm the JVM knows,
 * PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}, what OpenSSL 1.x and many deployment tools wrote) and
 * SEC1 EC ({@code BEGIN EC PRIVATE KEY}, what {@code openssl ecparam -genkey} writes, with its
 * named curve). Keys under a pass phrase are refused: oslo has no option for one either.
 */
final class PemPrivateKeys {

	private static final Pattern BLOCK = Pattern
		.compile("-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

	/** DER of the AlgorithmIdentifier {rsaEncryption, NULL}. */
	private static final byte[] RSA_ALGORITHM = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
			(byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

	/** DER of the OID id-ecPublicKey (1.2.840.10045.2.1). */
	private static final byte[] EC_PUBLIC_KEY = { 0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01 };

	private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA");

	private static final String CONVERT = "convert it with 'openssl pkcs8 -topk8 -nocrypt -in <key> -out <key.pem>'";

	private PemPrivateKeys() {
	}

	/**
	 * @param pem the file's text
	 * @throws IllegalArgumentException saying why no key can be read, and how to convert the file
	 */
	static PrivateKey read(String pem) {
		Matcher block = BLOCK.matcher(pem);
		if (!block.find()) {
			throw new IllegalArgumentException("it holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
		}
		String type = block.group(1);
		String body = block.group(2);
		if (type.startsWith("ENCRYPTED") || body.contains("Proc-Type: 4,ENCRYPTED")) {
			throw new IllegalArgumentException("the key is encrypted, and oslo has no option for its pass phrase; "
					+ "decrypt it with 'openssl pkey -in <key> -out <key.pem>'");
		}
		byte[] der;
		try {
			der = Base64.getMimeDecoder().decode(body);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("its " + type + " block is not valid base64");
		}
		return switch (type) {
			case "PRIVATE KEY" -> pkcs8(der);
			case "RSA PRIVATE KEY" -> pkcs8(wrapPkcs1(der));
			case "EC PRIVATE KEY" -> pkcs8(wrapSec1(der));
			default -> throw new IllegalArgumentException("a " + type + " cannot be read here; " + CONVERT);
		};
	}

	private static PrivateKey pkcs8(byte[] der) {
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
		for (String algorithm : ALGORITHMS) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(spec);
			}
			catch (GeneralSecurityException ex) {
				// another algorithm's key
			}
		}
		throw new IllegalArgumentException("its private key is not one of " + String.join(", ", ALGORITHMS));
	}

	/** A PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: version 0, rsaEncryption, the key. */
	private static byte[] wrapPkcs1(byte[] pkcs1) {
		ByteArrayOutputStream info = new ByteArrayOutputStream();
		info.writeBytes(new byte[] { 0x02, 0x01, 0x00 });
		info.writeBytes(RSA_ALGORITHM);
		info.writeBytes(derElement(0x04, pkcs1));
		return derElement(0x30, info.toByteArray());
	}

	/**
	 * A SEC1 ECPrivateKey inside a PKCS#8 PrivateKeyInfo: version 0, {id-ecPublicKey, its curve},
	 * the key. The curve is the key's own {@code parameters [0]}.
	 */
	private static byte[] wrapSec1(byte[] sec1) {
		byte[] curve = curveOf(sec1);
		ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
		algorithm.writeBytes(EC_PUBLIC_KEY);
		algorithm.writeBytes(curve);
		ByteArrayOutputStream info = new ByteArrayOutputStream();
		info.writeBytes(new byte[] { 0x02, 0x01, 0x00 });
		info.writeBytes(derElement(0x30, algorithm.toByteArray()));
		info.writeBytes(derElement(0x04, sec1));
		return derElement(0x30, info.toByteArray());
	}

	/** The named curve's OID (tag, length and value) in the {@code [0]} element of a SEC1 key. */
	private static byte[] curveOf(byte[] sec1) {
		try {
			int index = 1 + lengthBytes(sec1, 1);
			while (index < sec1.length) {
				int tag = sec1[index] & 0xff;
				int header = 1 + lengthBytes(sec1, index + 1);
				int length = lengthAt(sec1, index + 1);
				if (tag == 0xa0 && (sec1[index + header] & 0xff) == 0x06) {
					return java.util.Arrays.copyOfRange(sec1, index + header, index + header + length);
				}
				index += header + length;
			}
		}
		catch (ArrayIndexOutOfBoundsException ex) {
			throw new IllegalArgumentException("its EC PRIVATE KEY is not valid DER");
		}
		throw new IllegalArgumentException("its EC PRIVATE KEY names no curve; " + CONVERT);
	}

	/** How many bytes the DER length at this index takes. */
	private static int lengthBytes(byte[] der, int index) {
		int first = der[index] & 0xff;
		return (first < 0x80) ? 1 : 1 + (first & 0x7f);
	}

	/** The DER length at this index. */
	private static int lengthAt(byte[] der, int index) {
		int first = der[index] & 0xff;
		if (first < 0x80) {
			return first;
		}
		int length = 0;
		for (int i = 1; i <= (first & 0x7f); i++) {
			length = (length << 8) | (der[index + i] & 0xff);
		}
		return length;
	}

	private static byte[] derElement(int tag, byte[] content) {
		ByteArrayOutputStream element = new ByteArrayOutputStream();
		element.write(tag);
		int length = content.length;
		if (length < 0x80) {
			element.write(length);
		}
		else {
			int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
			element.write(0x80 | bytes);
			for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
				element.write(length >>> shift);
			}
		}
		element.writeBytes(content);
		return element.toByteArray();
	}

}
