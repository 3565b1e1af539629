/**
 * oslo.messaging's serializer hook: how arguments, results, payloads and request contexts turn
 * into what goes on the wire and back.
 */
@NullMarked
package io.oslo4j.messaging.serializer;

import org.jspecify.annotations.NullMarked;
