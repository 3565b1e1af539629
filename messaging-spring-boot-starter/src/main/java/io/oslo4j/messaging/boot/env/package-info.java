/**
 * Reading an OpenStack service's own configuration file (oslo.config's INI dialect) into the
 * environment as the lowest-precedence {@code messaging.*} properties.
 */
@NullMarked
package io.oslo4j.messaging.boot.env;

import org.jspecify.annotations.NullMarked;
