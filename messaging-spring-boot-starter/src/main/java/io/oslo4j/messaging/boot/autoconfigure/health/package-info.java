/** Auto-configuration of the health of oslo4j messaging. */
@NullMarked
package io.oslo4j.messaging.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
