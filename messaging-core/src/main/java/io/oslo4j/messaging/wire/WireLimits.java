package io.oslo4j.messaging.wire;

/**
 * What a transport accepts from the wire, so that hostile or broken input fails fast with a clear
 * error instead of exhausting memory: a message over a limit is rejected like any undecodable
 * message (an RPC caller then times out), and the log line names the limit. oslo.messaging has no
 * such limits; raise them if legitimate messages are larger.
 *
 * <p>They are set per transport ({@code Transport.open(url, limits)}), not in the transport URL:
 * Python peers share that URL, and oslo refuses query options it does not know.
 *
 * @param maxBodyBytes the largest message body, after decompression
 * @param maxNestingDepth the deepest nesting of JSON arrays and objects
 * @param maxStringLength the longest JSON string, in characters; an envelope's {@code oslo.message}
 * is one string holding the whole message, so keep this at least {@code maxBodyBytes}
 * @since 0.1
 */
public record WireLimits(int maxBodyBytes, int maxNestingDepth, int maxStringLength) {

	/** The default limit on a message body: 32 MiB. */
	public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

	private static final WireLimits DEFAULTS = new WireLimits(DEFAULT_MAX_BODY_BYTES,
			WireJson.DEFAULT_MAX_NESTING_DEPTH, WireJson.DEFAULT_MAX_STRING_LENGTH);

	/** @throws IllegalArgumentException naming the limit that is not positive */
	public WireLimits {
		requirePositive("maxBodyBytes", maxBodyBytes);
		requirePositive("maxNestingDepth", maxNestingDepth);
		requirePositive("maxStringLength", maxStringLength);
	}

	/** 32 MiB bodies, 200 levels of nesting, strings of 64 Mi characters. */
	public static WireLimits defaults() {
		return DEFAULTS;
	}

	public WireLimits withMaxBodyBytes(int maxBodyBytes) {
		return new WireLimits(maxBodyBytes, this.maxNestingDepth, this.maxStringLength);
	}

	public WireLimits withMaxNestingDepth(int maxNestingDepth) {
		return new WireLimits(this.maxBodyBytes, maxNestingDepth, this.maxStringLength);
	}

	public WireLimits withMaxStringLength(int maxStringLength) {
		return new WireLimits(this.maxBodyBytes, this.maxNestingDepth, maxStringLength);
	}

	private static void requirePositive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, was " + value);
		}
	}

}
