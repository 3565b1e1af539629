package io.oslo4j.messaging.notify;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Masks secrets in a JSON object as oslo's {@code strutils.mask_dict_password} does before the
 * {@code log} driver logs it: the value of every key that contains one of oslo's secret words
 * ({@code password}, {@code token}, {@code secret}, ...), in any case, becomes {@code ***}, in
 * nested objects and in objects inside lists too.
 * Unlike oslo, secrets written inside a string value ({@code "--password x"}) are not searched for.
 */
final class SecretMask {

	static final String SECRET = "***";

	/** oslo_utils 7's {@code strutils._SANITIZE_KEYS}. */
	private static final List<String> SECRET_WORDS = List.of("adminpass", "admin_pass", "password",
			"admin_password", "auth_token", "new_pass", "auth_password", "secret_uuid", "secret", "sys_pswd", "token",
			"configdrive", "chappassword", "encrypted_key", "private_key", "fernetkey", "sslkey", "passphrase",
			"cephclusterfsid", "octaviaheartbeatkey", "rabbitcookie", "cephmanilaclientkey", "pacemakerremoteauthkey",
			"designaterndckey", "cephadminkey", "heatauthencryptionkey", "cephclientkey", "keystonecredential",
			"barbicansimplecryptokek", "cephrgwkey", "swifthashsuffix", "migrationsshkey", "cephmdskey", "cephmonkey",
			"chapsecret");

	private SecretMask() {
	}

	/** A masked copy of {@code object}; the object itself is left as it is. */
	static ObjectNode mask(ObjectNode object) {
		ObjectNode masked = object.deepCopy();
		maskInPlace(masked);
		return masked;
	}

	private static void maskInPlace(ObjectNode object) {
		for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
			if (field.getValue().isObject()) {
				maskInPlace((ObjectNode) field.getValue());
			}
			else if (isSecret(field.getKey())) {
				object.put(field.getKey(), SECRET);
			}
			else if (field.getValue().isArray()) {
				maskElements(field.getValue());
			}
		}
	}

	/** The objects in a list, at any depth, as oslo's {@code _deep_mask} reaches them. */
	private static void maskElements(JsonNode array) {
		for (JsonNode element : array) {
			if (element.isObject()) {
				maskInPlace((ObjectNode) element);
			}
			else if (element.isArray()) {
				maskElements(element);
			}
		}
	}

	private static boolean isSecret(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		return SECRET_WORDS.stream().anyMatch(lower::contains);
	}

}
