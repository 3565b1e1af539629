/**
 * What RPC servers and notification listeners share: one lifecycle, one in-flight bound with
 * lanes, and the first step of the pipeline (decode -> deduplicate -> admit -> execute -> complete).
 */
@NullMarked
package io.oslo4j.messaging.server;

import org.jspecify.annotations.NullMarked;
