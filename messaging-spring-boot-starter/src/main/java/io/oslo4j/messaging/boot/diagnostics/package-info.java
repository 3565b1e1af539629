/** Failure analysis: start-up errors that say what to do. */
@NullMarked
package io.oslo4j.messaging.boot.diagnostics;

import org.jspecify.annotations.NullMarked;
