package io.oslo4j.messaging.boot.testsupport;

import org.jspecify.annotations.Nullable;

/** A result with structure, converted by Jackson on both sides. */
public record HostInfo(String name, @Nullable String user) {
}
