package io.oslo4j.messaging.transport.rabbit;

import java.security.interfaces.ECPrivateKey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The private keys of ssl_key_file as Python's ssl module reads them (PKCS#1 RSA keys are covered,
 * with a broker, by RabbitConnectionSecurityTests); a throwaway P-256 key made with
 * {@code openssl ecparam -name prime256v1 -genkey} and {@code openssl pkcs8 -topk8 -nocrypt}.
 */
class PemPrivateKeysTests {

	private static final String SEC1 = """
			-----BEGIN EC PARAMETERS-----
			BggqhkjOPQMBBw==
			-----END EC PARAMETERS-----
			-----BEGIN EC PRIVATE KEY-----
			MHcCAQEEINL3B5ciAq2h3CSxUdc0+CW0onv0cRBzkogXPjEipCJcoAoGCCqGSM49
			AwEHoUQDQgAE+GCyRfWDHn+H92agKmb+DUqmlhth8qUNovzjk4Vpjm7DeO38yNNR
			NHX2hx2zVHyM/l+WqxDg1lameIy0RByYkA==
			-----END EC PRIVATE KEY-----
			""";

	private static final String PKCS8 = """
			-----BEGIN PRIVATE KEY-----
			MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg0vcHlyICraHcJLFR
			1zT4JbSie/RxEHOSiBc+MSKkIlyhRANCAAT4YLJF9YMef4f3ZqAqZv4NSqaWG2Hy
			pQ2i/OOThWmObsN47fzI01E0dfaHHbNUfIz+X5arEODWVqZ4jLREHJiQ
			-----END PRIVATE KEY-----
			""";

	@Test
	void aSec1EcKeyAsOpensslEcparamWritesItIsTheSameKeyAsItsPkcs8Form() {
		ECPrivateKey sec1 = (ECPrivateKey) PemPrivateKeys.read(SEC1);
		ECPrivateKey pkcs8 = (ECPrivateKey) PemPrivateKeys.read(PKCS8);

		assertThat(sec1.getS()).isEqualTo(pkcs8.getS());
		assertThat(sec1.getParams().getCurve()).isEqualTo(pkcs8.getParams().getCurve());
	}

	@Test
	void anEncryptedKeyIsRefusedSayingHowToDecryptIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PemPrivateKeys.read("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
					+ "-----END ENCRYPTED PRIVATE KEY-----\n"))
			.withMessage("the key is encrypted, and oslo has no option for its pass phrase; decrypt it with "
					+ "'openssl pkey -in <key> -out <key.pem>'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PemPrivateKeys.read("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
					+ "DEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"))
			.withMessageStartingWith("the key is encrypted");
	}

	@Test
	void aKeyOfAnotherFormIsRefusedSayingHowToConvertIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PemPrivateKeys.read("-----BEGIN DSA PRIVATE KEY-----\nAAAA\n-----END DSA PRIVATE KEY-----\n"))
			.withMessage("a DSA PRIVATE KEY cannot be read here; convert it with 'openssl pkcs8 -topk8 -nocrypt "
					+ "-in <key> -out <key.pem>'");
	}

	@Test
	void aFileWithoutAKeyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PemPrivateKeys.read("-----BEGIN CERTIFICATE-----\n"))
			.withMessage("it holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
	}

}
