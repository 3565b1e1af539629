/** Auto-configuration of Micrometer observations of oslo4j RPC. */
@NullMarked
package io.oslo4j.messaging.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
