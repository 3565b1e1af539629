/** Auto-configuration of the {@code messaging} Actuator endpoint. */
@NullMarked
package io.oslo4j.messaging.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
