package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.Version;

import org.jspecify.annotations.Nullable;

/**
 * The versions that requests ask for, parsed once per distinct text rather than once per request:
 * a server sees a handful of version strings (the reader hands out the same instance for the same
 * text), so a small table answers almost every request. The table has a fixed number of slots, one
 * text each, replaced on a collision: a caller who sends many versions only costs a parse per
 * request, as before, never memory. Invalid texts are not kept, and fail on every request as
 * before.
 */
final class RequestedVersions {

	private static final int SLOTS = 8;

	/** Immutable entries, published through their final fields: a racing reader sees one whole or misses. */
	private final @Nullable Entry[] slots = new Entry[SLOTS];

	/**
	 * The version of {@code text}, as {@link Version#parse} has it.
	 * @throws io.oslo4j.messaging.MessagingException if the text is not a version
	 */
	Version parse(String text) {
		int slot = text.hashCode() & (SLOTS - 1);
		Entry entry = this.slots[slot];
		if (entry != null && (entry.text == text || entry.text.equals(text))) {
			return entry.version;
		}
		Version version = Version.parse(text);
		this.slots[slot] = new Entry(text, version);
		return version;
	}

	private record Entry(String text, Version version) {
	}

}
