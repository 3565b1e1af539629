package io.oslo4j.messaging.boot.testsupport;

import java.util.UUID;

/** Transport URLs of {@code fake://} brokers that no other test shares. */
public final class TestUrls {

	private TestUrls() {
	}

	public static String uniqueFakeUrl() {
		return "fake:///" + UUID.randomUUID();
	}

}
