/** Actuator health of oslo4j messaging. */
@NullMarked
package io.oslo4j.messaging.boot.health;

import org.jspecify.annotations.NullMarked;
