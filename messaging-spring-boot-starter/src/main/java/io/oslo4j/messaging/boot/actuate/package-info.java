/** The {@code messaging} Actuator endpoint: the migration board of servers, lanes and endpoint methods. */
@NullMarked
package io.oslo4j.messaging.boot.actuate;

import org.jspecify.annotations.NullMarked;
