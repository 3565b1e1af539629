/** Micrometer observations of oslo4j RPC calls, on servers and clients. */
@NullMarked
package io.oslo4j.messaging.boot.observation;

import org.jspecify.annotations.NullMarked;
